import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { accessAccounts } from "../../db/schema";
import type { Actor } from "../actor";
import { passwordProblems } from "../application/form";
import { dummyHash, hashPassword, verifyPassword } from "../credentials/password";
import { WorkflowError } from "../errors";
import { appendJournal } from "../journal";
import { applyAccountEvent } from "../lifecycle/runner";
import { normalizeLogin } from "./login";
import type { AccountState } from "./machine";

/**
 * The account holder's own locks (decision 060), asked by the Cabinet on the holder's behalf with
 * the login and the current password: a self-lock, effective at once and lifted only by a granted
 * application at the office of registration, and a password change under the application's rule
 * (R16). The password is checked before any lock is taken (Argon2 is slow), against a dummy hash
 * when the login is unknown or has no password, so every refusal of credentials costs the same and
 * says the same. Inside the transaction the account is locked and its hash must still be the one
 * checked. Neither the passwords nor the hashes reach the journal.
 */
export interface HolderCredentials {
  login: string;
  password: string;
}

export interface PasswordChange extends HolderCredentials {
  newPassword: string;
  newPasswordConfirm: string;
}

type Checked = { id: string; inn: string; hash: string };

/**
 * The holder's login and password, checked before any lock is taken (Argon2 is slow): every
 * refusal costs one verification and says the same (`refusedKey`), whether the login is unknown,
 * has no password or the password is wrong. The online refusal (account/refusal.ts) uses it too.
 */
export async function checkHolder(db: Db, credentials: HolderCredentials, refusedKey = "holder.invalid_credentials"): Promise<Checked> {
  const login = normalizeLogin(credentials.login ?? "");
  const [account] = login
    ? await db
        .select({ id: accessAccounts.id, inn: accessAccounts.inn, hash: accessAccounts.passwordHash })
        .from(accessAccounts)
        .where(eq(accessAccounts.login, login))
    : [];
  const matches = await verifyPassword(account?.hash ?? (await dummyHash()), credentials.password ?? "");
  if (!account || !account.hash || !matches) throw new WorkflowError("unauthorized", refusedKey);
  return { id: account.id, inn: account.inn, hash: account.hash };
}

/** The message of an event the machine refuses, by the state it found: the machine decides, this only words it. */
function refusalKeyIn(status: string, event: "SELF_LOCK" | "CHANGE_PASSWORD"): string {
  if (status === "locked") return event === "SELF_LOCK" ? "holder.already_locked" : "holder.locked";
  return "holder.not_active";
}

/** Decision 060: the holder locks the account at once; the credential check answers inactive from this commit. */
export async function selfLockAccount(db: Db, actor: Actor, credentials: HolderCredentials, now: Date): Promise<{ login: string; lockedAt: Date }> {
  const checked = await checkHolder(db, credentials);
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(accessAccounts).where(eq(accessAccounts.id, checked.id)).for("update");
    if (row.passwordHash !== checked.hash) throw new WorkflowError("stale", "record.changed_by_someone_else");
    const step = applyAccountEvent(row.snapshot, { type: "SELF_LOCK", at: now.toISOString() }, refusalKeyIn(row.status, "SELF_LOCK"));
    await tx
      .update(accessAccounts)
      .set({ status: step.after as AccountState, snapshot: step.persisted as unknown, version: row.version + 1, updatedAt: now })
      .where(eq(accessAccounts.id, row.id));
    await appendJournal(tx, {
      actor,
      officeCode: row.officeCode,
      action: "account.self_locked",
      subjectInn: row.inn,
      entityType: "account",
      entityId: row.login,
      before: { status: step.before },
      after: { status: step.after },
    });
    return { login: row.login, lockedAt: now };
  });
}

/**
 * R16 for the holder's new password: the application form's own rule (`passwordProblems`, with the
 * account's INN) and the confirmation. Issues name the field and carry the form's message keys.
 */
export function newPasswordIssues(change: Pick<PasswordChange, "newPassword" | "newPasswordConfirm">, inn: string): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = passwordProblems(change.newPassword ?? "", inn).map((message) => ({ path: "newPassword", message }));
  if (issues.length === 0 && change.newPassword !== change.newPasswordConfirm) issues.push({ path: "newPasswordConfirm", message: "password.mismatch" });
  return issues;
}

/** Decision 060: the holder replaces the password with the current one; only an active account may. */
export async function changePasswordByHolder(db: Db, actor: Actor, change: PasswordChange, now: Date): Promise<{ login: string; passwordChangedAt: Date }> {
  const checked = await checkHolder(db, change);
  const issues = newPasswordIssues(change, checked.inn);
  if (issues.length > 0) throw new WorkflowError("validation", "holder.weak_password", { issues });
  const passwordHash = await hashPassword(change.newPassword);
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(accessAccounts).where(eq(accessAccounts.id, checked.id)).for("update");
    if (row.passwordHash !== checked.hash) throw new WorkflowError("stale", "record.changed_by_someone_else");
    const step = applyAccountEvent(row.snapshot, { type: "CHANGE_PASSWORD", at: now.toISOString() }, refusalKeyIn(row.status, "CHANGE_PASSWORD"));
    await tx
      .update(accessAccounts)
      .set({ passwordHash, status: step.after as AccountState, snapshot: step.persisted as unknown, version: row.version + 1, updatedAt: now })
      .where(eq(accessAccounts.id, row.id));
    await appendJournal(tx, {
      actor,
      officeCode: row.officeCode,
      action: "account.password_changed_by_holder",
      subjectInn: row.inn,
      entityType: "account",
      entityId: row.login,
      before: { status: step.before },
      after: { status: step.after, passwordChangedAt: now.toISOString() },
    });
    return { login: row.login, passwordChangedAt: now };
  });
}

import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { accessAccounts, rateLimits, staffUsers } from "../../db/schema";
import { type StaffActor, requireAdmin } from "../actor";
import { normalizeLogin } from "../account/login";
import { WorkflowError } from "../errors";
import { appendJournal } from "../journal";
import { requireUuid } from "../lifecycle/ids";

/**
 * Where password guesses are counted (docs/decisions/053-guessing-without-lockout.md). Every
 * bucket of one login starts with its login bucket's name, so an administrator's unlock forgets
 * them all at once. The login bucket itself is the backstop against guessing spread over many
 * sources; the per-source buckets stop one source long before it.
 */
export const guessBuckets = {
  staff: (username: string) => `signin:login:${username.trim().toLowerCase()}`,
  cabinet: (login: string) => `api:login:${normalizeLogin(login)}`,
  /** One source's guesses at a login: an address, a browser that signed in before, an API key. */
  source: (loginBucket: string, source: string) => `${loginBucket}|${source}`,
};

/** Forgets every guess counted at a login (its backstop and all its sources). */
async function forget(db: Db, loginBucket: string): Promise<number> {
  const gone = await db
    .delete(rateLimits)
    .where(sql`${rateLimits.bucket} = ${loginBucket} or starts_with(${rateLimits.bucket}, ${loginBucket + "|"})`)
    .returning({ bucket: rateLimits.bucket });
  return gone.length;
}

/**
 * The administrator lets a staff member try again at once: every guess counted at the login is
 * forgotten. Journaled in the administration chain.
 */
export async function unlockStaffSignIn(db: Db, actor: StaffActor, userId: string): Promise<void> {
  requireAdmin(actor);
  requireUuid(userId, "not_found");
  const [user] = await db.select({ username: staffUsers.username }).from(staffUsers).where(eq(staffUsers.id, userId));
  if (!user) throw new WorkflowError("not_found", "not_found");
  await db.transaction(async (tx) => {
    const forgotten = await forget(tx as unknown as Db, guessBuckets.staff(user.username));
    await appendJournal(tx, { actor, officeCode: null, action: "staff.sign_in_unlocked", entityType: "staff", entityId: userId, after: { forgottenBuckets: forgotten } });
  });
}

/**
 * The same for a Taxpayer Cabinet login (credential checks, the online refusal). Journaled in the
 * subject's office chain, so the subject's own journal shows it.
 */
export async function unlockCabinetLogin(db: Db, actor: StaffActor, rawLogin: string): Promise<{ login: string }> {
  requireAdmin(actor);
  const login = normalizeLogin(rawLogin ?? "");
  if (!login) throw new WorkflowError("validation", "cabinet.login_required", { field: "login" });
  const [account] = await db
    .select({ id: accessAccounts.id, inn: accessAccounts.inn, officeCode: accessAccounts.officeCode })
    .from(accessAccounts)
    .where(eq(accessAccounts.login, login));
  if (!account) throw new WorkflowError("not_found", "cabinet.not_found", { field: "login" });
  await db.transaction(async (tx) => {
    const forgotten = await forget(tx as unknown as Db, guessBuckets.cabinet(login));
    await appendJournal(tx, {
      actor,
      officeCode: account.officeCode,
      action: "account.sign_in_unlocked",
      subjectInn: account.inn,
      entityType: "account",
      entityId: account.id,
      after: { forgottenBuckets: forgotten },
    });
  });
  return { login };
}

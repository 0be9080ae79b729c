import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { accessAccounts } from "../../db/schema";
import { normalizeLogin } from "../account/login";
import { dummyHash, verifyPassword } from "./password";

export interface CredentialAnswer {
  /** The login exists, is not annulled and the password matches. */
  valid: boolean;
  /** Valid, and access is on now: not suspended (R21 proposal pending), not past an online refusal. */
  active: boolean;
}

/**
 * The Taxpayer Cabinet's credential check (docs/decisions/017-credential-answers.md). Every path
 * runs one Argon2 verification, against a dummy hash when the login is unknown or has no password,
 * so timing does not tell whether a login exists. An annulled account is never valid.
 */
export async function verifyCredentials(db: Db, credentials: { login: string; password: string }, now: Date): Promise<CredentialAnswer> {
  const login = normalizeLogin(credentials.login ?? "");
  const password = credentials.password ?? "";
  const [account] = login
    ? await db
        .select({ hash: accessAccounts.passwordHash, status: accessAccounts.status, accessEndsAt: accessAccounts.accessEndsAt })
        .from(accessAccounts)
        .where(eq(accessAccounts.login, login))
    : [];
  const hash = account?.hash ?? (await dummyHash());
  const matches = await verifyPassword(hash, password);
  if (!account || !account.hash || account.status === "annulled" || !matches) return { valid: false, active: false };
  const ended = account.accessEndsAt !== null && account.accessEndsAt.getTime() <= now.getTime();
  return { valid: true, active: account.status === "active" && !ended };
}

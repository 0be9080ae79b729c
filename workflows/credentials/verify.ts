import { eq, type Placeholder } from "drizzle-orm";
import { QueryBuilder } from "drizzle-orm/pg-core";
import { queryRows, type Db } from "../../db/client";
import { accessAccounts } from "../../db/schema";
import { normalizeLogin } from "../account/login";
import { dummyHash, verifyPassword } from "./password";

export interface CredentialAnswer {
  /** The login exists, is not annulled and the password matches. */
  valid: boolean;
  /** Valid, and access is on now: not suspended (R21 proposal pending), not locked by its holder (decision 060), not past an online refusal. */
  active: boolean;
}

/** What a credential check reads of an account, as the columns come from the database. */
export interface CredentialAccount {
  password_hash: string | null;
  status: string;
  access_ends_at: string | Date | null;
}

/**
 * The query for the account a (normalized) login names: the columns of CredentialAccount. A query,
 * not a call, so that the API can fold it into the statement that counts the guess
 * (app/utils/credential-check.server.ts).
 */
export function credentialAccountQuery(login: string | Placeholder) {
  return new QueryBuilder()
    .select({ password_hash: accessAccounts.passwordHash, status: accessAccounts.status, access_ends_at: accessAccounts.accessEndsAt })
    .from(accessAccounts)
    .where(eq(accessAccounts.login, login));
}

/**
 * The Taxpayer Cabinet's credential check (docs/decisions/017-credential-answers.md). Every path
 * runs one Argon2 verification, against a dummy hash when the login is unknown or has no password,
 * so timing does not tell whether a login exists. An annulled account is never valid.
 */
export async function judgeCredentials(account: CredentialAccount | undefined, password: string, now: Date): Promise<CredentialAnswer> {
  const hash = account?.password_hash ?? (await dummyHash());
  const matches = await verifyPassword(hash, password);
  if (!account || !account.password_hash || account.status === "annulled" || !matches) return { valid: false, active: false };
  const ended = account.access_ends_at !== null && new Date(account.access_ends_at).getTime() <= now.getTime();
  return { valid: true, active: account.status === "active" && !ended };
}

/** The credential check on its own: read the account, judge the password. */
export async function verifyCredentials(db: Db, credentials: { login: string; password: string }, now: Date): Promise<CredentialAnswer> {
  const login = normalizeLogin(credentials.login ?? "");
  const [account] = login ? await queryRows<CredentialAccount>(db, credentialAccountQuery(login).getSQL()) : [];
  return judgeCredentials(account, credentials.password ?? "", now);
}

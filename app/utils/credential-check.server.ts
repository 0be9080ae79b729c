import { sql } from "drizzle-orm";
import { queryRows, type Db } from "../../db/client";
import { normalizeLogin } from "../../workflows/account/login";
import { credentialAccountQuery, judgeCredentials, type CredentialAccount, type CredentialAnswer } from "../../workflows/credentials/verify";
import { LIMITS, rateLimitHitsSql, refundRateLimit, roomOf, type HitRow } from "./rate-limit.server";

export type LimitedCheck = { limited: true; retryAfterSeconds: number } | { limited: false; answer: CredentialAnswer };

/**
 * The Cabinet API's credential check under the per-login guess limit: guessing one subject's
 * password is slow whoever asks. The guess is counted before the password is judged, so concurrent
 * guesses can never all slip under the limit at once, and a valid answer gives its hit back. The
 * count and the account are read in one statement: the API's hot path pays one round trip for both.
 */
export async function checkCredentialsWithinLimit(database: Db, credentials: { login: string; password: string }, now: Date): Promise<LimitedCheck> {
  const login = normalizeLogin(credentials.login ?? "");
  const bucket = `api:login:${login}`;
  const [row] = await queryRows<HitRow & Partial<CredentialAccount>>(
    database,
    sql`with hit as (${rateLimitHitsSql(sql`select ${bucket}::text`, LIMITS.apiLogin, now)})
        select hit.window_start, hit.hits, account.password_hash, account.status, account.access_ends_at
        from hit left join (${credentialAccountQuery(login)}) as account on true`,
  );
  const room = roomOf(row, LIMITS.apiLogin, now);
  if (!room.allowed) return { limited: true, retryAfterSeconds: room.retryAfterSeconds };
  const account = row.status == null ? undefined : (row as CredentialAccount); // no account: the left join gave nulls
  const answer = await judgeCredentials(account, credentials.password ?? "", now);
  if (answer.valid) await refundRateLimit(database, bucket, room);
  return { limited: false, answer };
}

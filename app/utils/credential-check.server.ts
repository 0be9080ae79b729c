import { sql } from "drizzle-orm";
import { queryRows, type Db } from "../../db/client";
import { statementPerShape } from "../../db/statement-shapes";
import { normalizeLogin } from "../../workflows/account/login";
import { guessBuckets } from "../../workflows/auth/guessing";
import { credentialAccountQuery, judgeCredentials, type CredentialAccount, type CredentialAnswer } from "../../workflows/credentials/verify";
import { LIMITS, rateLimitsCtes, rateLimitsValues, refundRateLimits, roomsOf, type Counted, type HitRow } from "./rate-limit.server";

export type LimitedCheck = { limited: true; retryAfterSeconds: number } | { limited: false; answer: CredentialAnswer };

/**
 * Where a guess at a Cabinet login comes from (decision 053): the subject's own address when the
 * Cabinet passes it (`clientAddress`), or this page's client; else the API key, i.e. the Cabinet as
 * a whole.
 */
export function cabinetSource(opts: { clientAddress?: string | null; clientId?: string; ip?: string }): string {
  if (opts.clientAddress) return `addr:${opts.clientAddress}`;
  if (opts.ip) return `addr:${opts.ip}`;
  return `key:${opts.clientId ?? "unknown"}`;
}

/**
 * The buckets a guess at a Cabinet login counts in: its source's (10 failures in 15 minutes), and
 * the login's backstop over every source (100). One source guessing stops long before the
 * backstop, so an attacker no longer locks the subject out by failing ten times; the backstop
 * still bounds guessing spread over many addresses.
 */
export function cabinetGuesses(login: string, source: string): Counted[] {
  const loginBucket = guessBuckets.cabinet(login);
  return [
    { bucket: guessBuckets.source(loginBucket, source), rule: LIMITS.apiLogin },
    { bucket: loginBucket, rule: LIMITS.apiLoginBackstop },
  ];
}

/** The guess counts and the account, in one statement compiled once per number of buckets (decision 070). */
const checkStatement = statementPerShape(
  (count: number) => sql`with ${rateLimitsCtes(count)}
        select hits.bucket, hits.window_start, hits.hits, account.password_hash, account.status, account.access_ends_at
        from hits left join (${credentialAccountQuery(sql.placeholder("login"))}) as account on true`,
);

/**
 * The Cabinet API's credential check under the guess limits. The guess is counted before the
 * password is judged, so concurrent guesses can never all slip under a limit at once, and a valid
 * answer gives its hits back. The counts and the account are read in one statement: the API's hot
 * path pays one round trip for both.
 */
export async function checkCredentialsWithinLimit(
  database: Db,
  credentials: { login: string; password: string },
  now: Date,
  source: string,
): Promise<LimitedCheck> {
  const login = normalizeLogin(credentials.login ?? "");
  const counted = cabinetGuesses(login, source);
  const rows = await queryRows<HitRow & { bucket: string } & Partial<CredentialAccount>>(
    database,
    checkStatement(counted.length, { ...rateLimitsValues(counted, now), login }),
  );
  const rooms = roomsOf(counted, rows, now);
  if (!rooms.allowed) return { limited: true, retryAfterSeconds: rooms.retryAfterSeconds };
  const row = rows[0];
  const account = row.status == null ? undefined : (row as CredentialAccount); // no account: the left join gave nulls
  const answer = await judgeCredentials(account, credentials.password ?? "", now);
  if (answer.valid) await refundRateLimits(database, rooms);
  return { limited: false, answer };
}

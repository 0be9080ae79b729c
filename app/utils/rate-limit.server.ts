import { sql } from "drizzle-orm";
import { queryRows, type Db } from "../../db/client";

export interface RateLimit {
  /** Requests allowed per window. */
  limit: number;
  windowMs: number;
}

/** Limits by purpose; keys are per IP, per login or per API key (see callers). */
export const LIMITS = {
  signIn: { limit: 30, windowMs: 15 * 60_000 },
  statusLookup: { limit: 20, windowMs: 10 * 60_000 },
  deskFind: { limit: 120, windowMs: 10 * 60_000 },
  apiKey: { limit: 6000, windowMs: 60_000 },
  apiLogin: { limit: 10, windowMs: 15 * 60_000 },
  publicForm: { limit: 30, windowMs: 60 * 60_000 },
} satisfies Record<string, RateLimit>;

/**
 * Counts one hit in a fixed window kept in the database, so every app process shares the count.
 * One atomic upsert: no read-modify-write race between processes.
 */
export async function hitRateLimit(db: Db, bucket: string, rule: RateLimit, now = new Date()) {
  const windowStartFloor = new Date(now.getTime() - rule.windowMs);
  const [row] = await queryRows<{ window_start: string | Date; hits: number }>(
    db,
    sql`insert into rate_limits (bucket, window_start, hits) values (${bucket}, ${now.toISOString()}, 1)
        on conflict (bucket) do update set
          window_start = case when rate_limits.window_start <= ${windowStartFloor.toISOString()} then excluded.window_start else rate_limits.window_start end,
          hits = case when rate_limits.window_start <= ${windowStartFloor.toISOString()} then 1 else rate_limits.hits + 1 end
        returning window_start, hits`,
  );
  const started = new Date(row.window_start).getTime();
  const allowed = Number(row.hits) <= rule.limit;
  return { allowed, hits: Number(row.hits), retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((started + rule.windowMs - now.getTime()) / 1000)) };
}

/** Forgets a bucket, e.g. after a successful sign-in. */
export async function resetRateLimit(db: Db, bucket: string) {
  await db.execute(sql`delete from rate_limits where bucket = ${bucket}`);
}

/** The client's address as Express saw it (honours X-Forwarded-For only with TRUST_PROXY=1). */
export function clientIp(_request: Request, context: unknown): string {
  return (context as { clientIp?: string } | undefined)?.clientIp ?? "unknown";
}

/**
 * Gives back a hit that turned out not to count (a successful check): limits that count only
 * failures take the hit first, so concurrent guesses can never all slip under the limit at once.
 */
export async function refundRateLimit(db: Db, bucket: string) {
  await db.execute(sql`update rate_limits set hits = greatest(hits - 1, 0) where bucket = ${bucket}`);
}

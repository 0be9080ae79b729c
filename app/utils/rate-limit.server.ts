import { lt, sql, type SQL } from "drizzle-orm";
import { queryRows, type Db } from "../../db/client";
import { statementPerShape } from "../../db/statement-shapes";
import { rateLimits } from "../../db/schema";

export interface RateLimit {
  /** Requests allowed per window. */
  limit: number;
  windowMs: number;
}

/** Limits by purpose; keys are per IP, per login or per API key (see callers). */
export const LIMITS = {
  /** Failed staff sign-ins per address, whatever the login (decision 053). */
  signIn: { limit: 30, windowMs: 15 * 60_000 },
  /** Failed staff sign-ins at one login from one source (an address, or a browser it signed in from before). */
  signInPerSource: { limit: 5, windowMs: 15 * 60_000 },
  /** Failed staff sign-ins at one login from browsers it never signed in from, all addresses together. */
  signInPerLogin: { limit: 20, windowMs: 15 * 60_000 },
  /** Wrong second-step codes (TOTP or recovery) at one login, from anywhere: the password is already known (decision 065). */
  secondFactor: { limit: 5, windowMs: 15 * 60_000 },
  statusLookup: { limit: 20, windowMs: 10 * 60_000 },
  deskFind: { limit: 120, windowMs: 10 * 60_000 },
  apiKey: { limit: 6000, windowMs: 60_000 },
  /** Failed Cabinet password checks at one login from one source (the subject's address, else the API key). */
  apiLogin: { limit: 10, windowMs: 15 * 60_000 },
  /** Failed Cabinet password checks at one login from every source together: the backstop. */
  apiLoginBackstop: { limit: 100, windowMs: 15 * 60_000 },
  publicForm: { limit: 30, windowMs: 60 * 60_000 },
  /** The applicant's own form, printed from the browser that saved it: per address and per INN. */
  applyPrint: { limit: 10, windowMs: 60 * 60_000 },
  /** The Cabinet's status lookups that miss: per INN (one subject's code guessed) and per address. */
  statusLookupPerInn: { limit: 20, windowMs: 10 * 60_000 },
  apiStatusLookup: { limit: 200, windowMs: 10 * 60_000 },
} satisfies Record<string, RateLimit>;

/**
 * The statement that counts one hit in each bucket named by `buckets` (a one-column select), in
 * fixed windows kept in the database, so every app process shares the count. One atomic upsert:
 * no read-modify-write race between processes. Returns bucket, window_start, hits; callers fold it
 * into a statement they send anyway (see api.server.ts), or run it alone (hitRateLimit).
 *
 * The text is the same for every rule and time: the time and the window's floor are placeholders
 * under `prefix` (`hitValues` fills them), so the statements built on it are compiled once
 * (`statementPerShape`, decision 070) and the rate limits of every request cost no SQL building.
 */
export function rateLimitHitsSql(buckets: SQL, prefix: string): SQL {
  const now = sql`${sql.placeholder(`${prefix}now`)}::timestamptz`;
  const floor = sql`${sql.placeholder(`${prefix}floor`)}::timestamptz`;
  return sql`insert into rate_limits (bucket, window_start, hits)
      select b.bucket, ${now}, 1 from (${buckets}) as b(bucket)
      on conflict (bucket) do update set
        window_start = case when rate_limits.window_start <= ${floor} then excluded.window_start else rate_limits.window_start end,
        hits = case when rate_limits.window_start <= ${floor} then 1 else rate_limits.hits + 1 end
      returning bucket, window_start, hits`;
}

/** rateLimitHitsSql's values: the hit's time and the earliest window start that still counts under the rule. */
export function hitValues(rule: RateLimit, now: Date, prefix: string): Record<string, string> {
  return { [`${prefix}now`]: now.toISOString(), [`${prefix}floor`]: new Date(now.getTime() - rule.windowMs).toISOString() };
}

export interface HitRow {
  window_start: string | Date;
  hits: number | string;
}

/** A counted hit: whether it is within the limit, how long until its window ends, and when it was counted. */
export interface Room {
  allowed: boolean;
  hits: number;
  retryAfterSeconds: number;
  /**
   * When the hit was counted. A refund gives it back only while the bucket's window began at or
   * before it, i.e. in the window it was counted in: a window that rolled over since began later.
   */
  countedAt: Date;
}

export function roomOf(row: HitRow, rule: RateLimit, now: Date): Room {
  const started = new Date(row.window_start).getTime();
  const hits = Number(row.hits);
  const allowed = hits <= rule.limit;
  const retryAfterSeconds = allowed ? 0 : Math.max(1, Math.ceil((started + rule.windowMs - now.getTime()) / 1000));
  return { allowed, hits, retryAfterSeconds, countedAt: now };
}

/** Counts one hit in `bucket`. */
export async function hitRateLimit(db: Db, bucket: string, rule: RateLimit, now = new Date()): Promise<Room> {
  const [row] = await queryRows<HitRow>(db, oneHitStatement(null, { bucket, ...hitValues(rule, now, "") }));
  return roomOf(row, rule, now);
}

/** A bucket and its rule, for counting one hit in several at once. */
export interface Counted {
  bucket: string;
  rule: RateLimit;
}

/**
 * Common table expressions that count one hit in each bucket, each with its own rule, ending in
 * `hits` (bucket, window_start, hits): for a statement that goes on to read something else with
 * them (data-modifying CTEs must sit at the top of a statement).
 */
export function rateLimitsCtes(count: number): SQL {
  const parts = Array.from({ length: count }, (_, i) => sql`${sql.raw(`h${i}`)} as (${rateLimitHitsSql(sql`select ${sql.placeholder(`bucket${i}`)}::text`, `h${i}_`)})`);
  const union = sql.join(Array.from({ length: count }, (_, i) => sql`select bucket, window_start, hits from ${sql.raw(`h${i}`)}`), sql` union all `);
  return sql`${sql.join(parts, sql`, `)}, hits as (${union})`;
}

/** rateLimitsCtes's values for these buckets, each under its own rule. */
export function rateLimitsValues(counted: readonly Counted[], now: Date): Record<string, string> {
  return Object.assign({}, ...counted.map((c, i) => ({ [`bucket${i}`]: c.bucket, ...hitValues(c.rule, now, `h${i}_`) })));
}

/** What counting one hit in several buckets gave: allowed only when every bucket allows it. */
export interface Rooms {
  allowed: boolean;
  retryAfterSeconds: number;
  rooms: { bucket: string; room: Room }[];
}

export function roomsOf(counted: readonly Counted[], rows: (HitRow & { bucket: string })[], now: Date): Rooms {
  const rooms = counted.map((c) => {
    const row = rows.find((r) => r.bucket === c.bucket);
    if (!row) throw new Error(`no count for ${c.bucket}`);
    return { bucket: c.bucket, room: roomOf(row, c.rule, now) };
  });
  const refused = rooms.filter((r) => !r.room.allowed);
  return { allowed: refused.length === 0, retryAfterSeconds: Math.max(0, ...refused.map((r) => r.room.retryAfterSeconds)), rooms };
}

/** Counts one hit in each bucket, in one statement. */
export async function hitRateLimits(db: Db, counted: readonly Counted[], now = new Date()): Promise<Rooms> {
  const rows = await queryRows<HitRow & { bucket: string }>(db, hitsStatement(counted.length, rateLimitsValues(counted, now)));
  return roomsOf(counted, rows, now);
}

/** Gives back the hits of a check that turned out not to be a guess. */
export async function refundRateLimits(db: Db, rooms: Rooms) {
  await refundHits(db, rooms.rooms);
}

/** The longest window of any rule: a row whose window began before it counts under none. */
export const LONGEST_WINDOW_MS = Math.max(...Object.values(LIMITS).map((r) => r.windowMs));

/** Deletes the rows whose window has ended under every rule (the background jobs call it). */
export async function pruneRateLimits(db: Db, now: Date): Promise<number> {
  const gone = await db.delete(rateLimits).where(lt(rateLimits.windowStart, new Date(now.getTime() - LONGEST_WINDOW_MS))).returning({ bucket: rateLimits.bucket });
  return gone.length;
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
 * Only in the window the hit was counted in: after a roll-over the new window's count is not the
 * hit's, and lowering it would hand a guesser one more try.
 */
export async function refundRateLimit(db: Db, bucket: string, counted: Pick<Room, "countedAt">) {
  await refundHits(db, [{ bucket, room: counted }]);
}

/** One bucket's hit, alone. */
const oneHitStatement = statementPerShape(() => rateLimitHitsSql(sql`select ${sql.placeholder("bucket")}::text`, ""));

/** Several buckets' hits, each under its own rule: the text depends only on how many. */
const hitsStatement = statementPerShape((count: number) => sql`with ${rateLimitsCtes(count)} select bucket, window_start, hits from hits`);

/**
 * Every hit given back in one statement: a valid Cabinet check gives back two (its source's and
 * its login's), and a round trip each was a quarter of the check's statements. Its text depends
 * only on how many (`statementPerShape`).
 */
const refundStatement = statementPerShape(
  (count: number) => sql`update rate_limits set hits = greatest(rate_limits.hits - 1, 0)
    from (values ${sql.join(
      Array.from({ length: count }, (_, i) => sql`(${sql.placeholder(`bucket${i}`)}::text, ${sql.placeholder(`counted${i}`)}::timestamptz)`),
      sql`, `,
    )}) as refund(bucket, counted_at)
    where rate_limits.bucket = refund.bucket and rate_limits.window_start <= refund.counted_at`,
);

async function refundHits(db: Db, hits: readonly { bucket: string; room: Pick<Room, "countedAt"> }[]) {
  if (hits.length === 0) return;
  // One row is updated once per statement: a bucket named twice would be given back once.
  if (new Set(hits.map((h) => h.bucket)).size !== hits.length) throw new Error("refundHits: a bucket named twice");
  const values = Object.fromEntries(hits.flatMap((h, i) => [[`bucket${i}`, h.bucket], [`counted${i}`, h.room.countedAt.toISOString()]]));
  await queryRows(db, refundStatement(hits.length, values));
}

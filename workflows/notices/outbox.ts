import { sql } from "drizzle-orm";
import { queryRows, type Db, type DbOrTx } from "../../db/client";
import type { NoticeStatus, StoredApplicationForm } from "../../db/schema";
import type { NoticeAction } from "./kinds";

/** A notice claimed for sending, with what its text and address are made from. */
export interface ClaimedNotice {
  id: number;
  action: NoticeAction;
  attempts: number;
  /** The journal entry it reports. */
  entryAt: Date;
  after: Record<string, unknown> | null;
  /** The application the entry names, else the subject's latest: its code and form (the channel). */
  code: string | null;
  form: StoredApplicationForm | null;
  officeName: string | null;
  officeAddress: string | null;
  timeZone: string | null;
}

export interface ClaimRow {
  id: string | number;
  action: NoticeAction;
  attempts: number;
  entry_at: string | Date;
  after: Record<string, unknown> | null;
  code: string | null;
  form: StoredApplicationForm | null;
  office_name: string | null;
  office_address: string | null;
  time_zone: string | null;
}

/**
 * The select that gives each notice of relation `rel` (columns id, action, attempts,
 * journal_entry_id) what its text and address are made from. The application is the one the entry
 * names, else the subject's latest (an account's events: its contact is the latest the subject gave).
 */
export function sourcesSql(rel: string) {
  return sql`select c.id, c.action, c.attempts, e.at as entry_at, e.after, a.code, a.form, o.name as office_name, o.address as office_address, o.time_zone
        from ${sql.raw(rel)} c
        join journal_entries e on e.id = c.journal_entry_id
        left join offices o on o.code = e.office_code
        left join lateral (
          select code, form from applications
          where (e.entity_type = 'application' and applications.id::text = e.entity_id) or applications.inn = e.subject_inn
          order by (e.entity_type = 'application' and applications.id::text = e.entity_id) desc, created_at desc
          limit 1
        ) a on true
        order by c.id`;
}

export function toClaimed(r: ClaimRow): ClaimedNotice {
  return {
    id: Number(r.id),
    action: r.action,
    attempts: r.attempts,
    entryAt: new Date(r.entry_at),
    after: r.after,
    code: r.code,
    form: r.form,
    officeName: r.office_name,
    officeAddress: r.office_address,
    timeZone: r.time_zone,
  };
}

/**
 * Claims up to `limit` notices that are due, for `leaseMs`: FOR UPDATE SKIP LOCKED, so workers in
 * several processes take different rows, and a lease, so the rows are not held in a transaction
 * while a provider answers (PGlite has one connection). A worker that dies frees its rows when the
 * lease ends; the attempt it took counts.
 */
export async function claimDueNotices(db: DbOrTx, now: Date, opts: { limit: number; leaseMs: number }): Promise<ClaimedNotice[]> {
  const at = now.toISOString();
  const until = new Date(now.getTime() + opts.leaseMs).toISOString();
  const rows = await queryRows<ClaimRow>(
    db,
    sql`with due as (
          select id from notices
          where status = 'queued' and next_attempt_at <= ${at}::timestamptz and (locked_until is null or locked_until <= ${at}::timestamptz)
          order by next_attempt_at, id limit ${opts.limit} for update skip locked
        ), claimed as (
          update notices n set locked_until = ${until}::timestamptz, attempts = n.attempts + 1
          from due where n.id = due.id
          returning n.id, n.action, n.attempts, n.journal_entry_id
        )
        ${sourcesSql("claimed")}`,
  );
  return rows.map(toClaimed);
}

/** Delivered: where to, and when. */
export async function markSent(db: DbOrTx, id: number, to: { channel: string; address: string }, now: Date): Promise<void> {
  await db.execute(
    sql`update notices set status = 'sent', channel = ${to.channel}, address = ${to.address}, sent_at = ${now.toISOString()}::timestamptz,
               locked_until = null, last_error = null
        where id = ${id}`,
  );
}

/** Nothing to send: the applicant chose no channel (or gave no address for it). */
export async function markSkipped(db: DbOrTx, id: number): Promise<void> {
  await db.execute(sql`update notices set status = 'skipped', locked_until = null where id = ${id}`);
}

/**
 * A failed attempt: tried again at `retryAt`, or dead once `attempts` reached `maxAttempts`. The
 * error is kept for the administrator's page (the provider's words; never the notice's text).
 */
export async function markFailed(
  db: DbOrTx,
  id: number,
  failure: { attempts: number; maxAttempts: number; retryAt: Date; error: string; channel: string | null; address: string | null },
): Promise<NoticeStatus> {
  const status: NoticeStatus = failure.attempts >= failure.maxAttempts ? "dead" : "queued";
  await db.execute(
    sql`update notices set status = ${status}, next_attempt_at = ${failure.retryAt.toISOString()}::timestamptz, locked_until = null,
               last_error = ${failure.error.slice(0, 500)}, channel = ${failure.channel}, address = ${failure.address}
        where id = ${id}`,
  );
  return status;
}

/** Not tried after all (no provider for its channel in this process): its attempt is given back. */
export async function putBack(db: DbOrTx, id: number, retryAt: Date, why: string): Promise<void> {
  await db.execute(
    sql`update notices set attempts = attempts - 1, next_attempt_at = ${retryAt.toISOString()}::timestamptz, locked_until = null, last_error = ${why}
        where id = ${id}`,
  );
}

/** Notices by status, for the administrator's page and /metrics. */
export async function noticeCounts(db: Db): Promise<Record<NoticeStatus, number>> {
  const rows = await queryRows<{ status: NoticeStatus; n: string | number }>(db, sql`select status, count(*) as n from notices group by status`);
  const counts: Record<NoticeStatus, number> = { queued: 0, sent: 0, dead: 0, skipped: 0 };
  for (const r of rows) counts[r.status] = Number(r.n);
  return counts;
}

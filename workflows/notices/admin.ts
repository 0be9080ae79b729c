import { sql } from "drizzle-orm";
import { queryRows, type Db } from "../../db/client";
import { NOTICE_STATUSES, type NoticeStatus } from "../../db/schema";
import { requireAdmin, type StaffActor } from "../actor";
import { WorkflowError } from "../errors";
import { appendJournal } from "../journal";
import { sourcesSql, toClaimed, type ClaimRow } from "./outbox";
import { composeNotice } from "./worker";

export interface NoticeRow {
  id: number;
  action: string;
  subjectInn: string | null;
  officeCode: string | null;
  status: NoticeStatus;
  channel: string | null;
  address: string | null;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
  /** What it says (or would say): the same words the worker sends; null when no channel was chosen. */
  preview: { subject: string; text: string } | null;
}

/** The administrator's view of the outbox: newest first, one status or all, each with its text. */
export async function listNotices(db: Db, actor: StaffActor, filter: { status?: NoticeStatus; limit?: number; statusUrl?: string | null } = {}): Promise<NoticeRow[]> {
  requireAdmin(actor);
  const status = filter.status && (NOTICE_STATUSES as readonly string[]).includes(filter.status) ? filter.status : null;
  const limit = Math.min(filter.limit ?? 100, 500);
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select id, action, subject_inn, office_code, status, channel, address, attempts, next_attempt_at, last_error, created_at, sent_at, journal_entry_id
        from notices ${status ? sql`where status = ${status}` : sql``}
        order by created_at desc, id desc limit ${limit}`,
  );
  const ids = rows.map((r) => Number(r.id));
  const sources = ids.length
    ? await queryRows<ClaimRow>(db, sql`with listed as (select id, action, attempts, journal_entry_id from notices where id = any(${`{${ids.join(",")}}`}::bigint[])) ${sourcesSql("listed")}`)
    : [];
  const previews = new Map(sources.map((r) => [Number(r.id), composeNotice(toClaimed(r), filter.statusUrl ?? null)]));
  return rows.map((r) => {
    const composed = previews.get(Number(r.id));
    return {
      id: Number(r.id),
      action: String(r.action),
      subjectInn: (r.subject_inn as string | null) ?? null,
      officeCode: (r.office_code as string | null) ?? null,
      status: r.status as NoticeStatus,
      channel: (r.channel as string | null) ?? composed?.channel ?? null,
      address: (r.address as string | null) ?? composed?.address ?? null,
      attempts: Number(r.attempts),
      nextAttemptAt: new Date(r.next_attempt_at as string),
      lastError: (r.last_error as string | null) ?? null,
      createdAt: new Date(r.created_at as string),
      sentAt: r.sent_at ? new Date(r.sent_at as string) : null,
      preview: composed ? { subject: composed.subject, text: composed.text } : null,
    };
  });
}

/**
 * A dead notice goes back to the queue with its tries counted from zero, journaled in the
 * notice's office chain. Only a dead one: a queued notice is already due, a sent one went.
 */
export async function resendNotice(db: Db, actor: StaffActor, id: number, now: Date): Promise<void> {
  requireAdmin(actor);
  if (!Number.isSafeInteger(id) || id <= 0) throw new WorkflowError("not_found", "not_found");
  await db.transaction(async (tx) => {
    const [row] = await queryRows<{ id: string | number; office_code: string | null; subject_inn: string | null; attempts: number; last_error: string | null }>(
      tx,
      sql`update notices n set status = 'queued', attempts = 0, next_attempt_at = ${now.toISOString()}::timestamptz, locked_until = null
          from (select id, attempts, last_error from notices where id = ${id} and status = 'dead' for update) old
          where n.id = old.id
          returning n.id, n.office_code, n.subject_inn, old.attempts, old.last_error`,
    );
    if (!row) throw new WorkflowError("conflict", "notice.not_dead");
    await appendJournal(tx, {
      actor,
      officeCode: row.office_code,
      action: "notice.resent",
      subjectInn: row.subject_inn,
      entityType: "notice",
      entityId: String(row.id),
      before: { status: "dead", attempts: row.attempts, lastError: row.last_error },
      after: { status: "queued" },
    });
  });
}

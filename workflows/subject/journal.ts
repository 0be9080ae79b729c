import { and, asc, desc, eq, gte, inArray, isNull, lt, notInArray, or, sql, type SQL } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client";
import { decisions, journalEntries, offices, staffUsers } from "../../db/schema";
import { requireAdmin, type StaffActor } from "../actor";
import { WorkflowError } from "../errors";
import { appendJournal } from "../journal/append";

/** One journal line as the subject may see it: what, when, which office and role — never who. */
export interface PublicJournalEntry {
  at: Date;
  action: string;
  role: string;
  officeCode: string | null;
  officeName: string | null;
}

/** One journal line for staff and the administrator: with the staff member's name and the change. */
export interface StaffJournalEntry extends PublicJournalEntry {
  id: number;
  chain: string;
  seq: number;
  actorName: string | null;
  subjectInn: string | null;
  entityType: string | null;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

/** Entries about the subject as a whole (account, annulments, evidence, views of the card). */
const SUBJECT_WIDE = ["account", "annulment", "subject", "evidence"];

/** What the subject may see of an entry: no actor id or name, no before/after. */
const publicColumns = {
  at: journalEntries.at,
  action: journalEntries.action,
  role: journalEntries.actorRole,
  officeCode: journalEntries.officeCode,
  officeName: offices.name,
};

/** A ceiling for one application's public journal: a real application has a few dozen entries. */
const PUBLIC_LIMIT = 500;

/**
 * The application's own journal for the public status page (UA seed): the application's events,
 * the documents printed for it or its decision, and, from the moment it was saved, what happened to
 * the subject's account. Staff appear only as office and role.
 */
export async function applicationJournal(db: DbOrTx, app: { id: string; inn: string }): Promise<PublicJournalEntry[]> {
  const [first] = await db
    .select({ at: journalEntries.at })
    .from(journalEntries)
    .where(and(eq(journalEntries.subjectInn, app.inn), eq(journalEntries.entityType, "application"), eq(journalEntries.entityId, app.id)))
    .orderBy(asc(journalEntries.at))
    .limit(1);
  if (!first) return [];
  const decisionIds = (await db.select({ id: decisions.id }).from(decisions).where(eq(decisions.applicationId, app.id))).map((d) => d.id);
  const sources = [app.id, ...decisionIds];
  const rows = await db
    .select(publicColumns)
    .from(journalEntries)
    .leftJoin(offices, eq(offices.code, journalEntries.officeCode))
    .where(
      and(
        eq(journalEntries.subjectInn, app.inn),
        gte(journalEntries.at, first.at),
        or(
          and(eq(journalEntries.entityType, "application"), eq(journalEntries.entityId, app.id)),
          and(eq(journalEntries.entityType, "printed_document"), inArray(sql`${journalEntries.after}->>'sourceId'`, sources)),
          inArray(journalEntries.entityType, SUBJECT_WIDE),
        ),
      ),
    )
    .orderBy(asc(journalEntries.at), asc(journalEntries.id))
    .limit(PUBLIC_LIMIT);
  return rows;
}

export interface JournalFilters {
  /** An office code, or "global" for entries of no office (administration). */
  officeCode?: string | null;
  actorRole?: string | null;
  action?: string | null;
  inn?: string | null;
  /** Entries made by one staff member (their audit page, decision 068). */
  actorId?: string | null;
  /** Entries about one record, such as a staff account ("staff", its id). */
  entity?: { type: string; id: string } | null;
  /** Actions left out (a staff account's history without its sign-ins, which are among the person's acts). */
  exceptActions?: string[] | null;
  /** Inclusive lower and exclusive upper bound. */
  from?: Date | null;
  to?: Date | null;
}

/** Where the next page starts: the last row shown (newest first). */
export interface JournalCursor {
  at: Date;
  id: number;
}

export function encodeCursor(c: JournalCursor): string {
  return `${c.at.toISOString()}~${c.id}`;
}

export function decodeCursor(raw: string | null | undefined): JournalCursor | null {
  if (!raw) return null;
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)~(\d{1,18})$/.exec(raw);
  if (!m) throw new WorkflowError("validation", "journal.bad_cursor");
  return { at: new Date(m[1]), id: Number(m[2]) };
}

/**
 * The journal newest first, filtered, one page at a time by keyset on (at, id): the page after
 * row N costs the same as the first one, however deep (no OFFSET over 100,000 rows).
 */
export async function listJournal(
  db: DbOrTx,
  filters: JournalFilters,
  { cursor = null, limit = 50 }: { cursor?: JournalCursor | null; limit?: number } = {},
): Promise<{ entries: StaffJournalEntry[]; next: string | null }> {
  const size = Math.min(Math.max(1, limit), 200);
  const rows = await journalRows(db, filters, cursor, size + 1);
  const entries = rows.slice(0, size);
  const last = entries[entries.length - 1];
  return { entries, next: rows.length > size && last ? encodeCursor({ at: last.at, id: last.id }) : null };
}

/** Pages of a download: larger than a screen's, few enough rows to hold one page at a time. */
export const EXPORT_PAGE_SIZE = 1000;

/**
 * Every entry the filters select, newest first, page after page by the same keyset as the
 * listing (decision 066): a download of the whole journal holds one page at a time, and the next
 * page is read only when the caller asks for it. Entries written after the first page was read
 * are left out, so a download is the journal as it stood when it started.
 */
export async function* journalPages(db: DbOrTx, filters: JournalFilters, pageSize = EXPORT_PAGE_SIZE): AsyncGenerator<StaffJournalEntry[]> {
  let cursor: JournalCursor | null = null;
  let newest: JournalCursor | null = null;
  for (;;) {
    const rows = await journalRows(db, filters, cursor, pageSize, newest);
    if (rows.length === 0) return;
    newest ??= { at: rows[0].at, id: rows[0].id };
    yield rows;
    if (rows.length < pageSize) return;
    const last = rows[rows.length - 1];
    cursor = { at: last.at, id: last.id };
  }
}

/**
 * An administrator's download of the journal is itself an entry (decision 066): personal data
 * leaves the system, so who took which selection, in which format, stays on record. It is
 * written before the first row is read, so the file lists its own download first; a filter by INN
 * files it under that subject too.
 */
export async function recordJournalExport(db: Db, actor: StaffActor, request: { format: string; filters: JournalFilters }, now: Date): Promise<void> {
  requireAdmin(actor);
  const f = request.filters;
  await db.transaction(async (tx) => {
    await appendJournal(tx, {
      actor,
      officeCode: null,
      action: "journal.exported",
      subjectInn: f.inn ?? null,
      entityType: "journal",
      after: {
        format: request.format,
        filters: { office: f.officeCode ?? null, role: f.actorRole ?? null, action: f.action ?? null, inn: f.inn ?? null, actor: f.actorId ?? null, from: f.from?.toISOString() ?? null, to: f.to?.toISOString() ?? null },
        exportedAt: now.toISOString(),
      },
    });
  });
}

/** One keyset page: rows older than `cursor`, and no newer than `newest` when given. */
async function journalRows(db: DbOrTx, filters: JournalFilters, cursor: JournalCursor | null, limit: number, newest: JournalCursor | null = null): Promise<StaffJournalEntry[]> {
  const where: SQL[] = [];
  if (filters.officeCode === "global") where.push(isNull(journalEntries.officeCode));
  else if (filters.officeCode) where.push(eq(journalEntries.officeCode, filters.officeCode));
  if (filters.actorRole) where.push(eq(journalEntries.actorRole, filters.actorRole));
  if (filters.action) where.push(eq(journalEntries.action, filters.action));
  if (filters.inn) where.push(eq(journalEntries.subjectInn, filters.inn));
  if (filters.actorId) where.push(eq(journalEntries.actorId, filters.actorId));
  if (filters.entity) where.push(and(eq(journalEntries.entityType, filters.entity.type), eq(journalEntries.entityId, filters.entity.id))!);
  if (filters.exceptActions?.length) where.push(notInArray(journalEntries.action, filters.exceptActions));
  if (filters.from) where.push(gte(journalEntries.at, filters.from));
  if (filters.to) where.push(lt(journalEntries.at, filters.to));
  if (cursor) where.push(sql`(${journalEntries.at}, ${journalEntries.id}) < (${cursor.at.toISOString()}::timestamptz, ${cursor.id})`);
  if (newest) where.push(sql`(${journalEntries.at}, ${journalEntries.id}) <= (${newest.at.toISOString()}::timestamptz, ${newest.id})`);
  const rows = await db
    .select({
      id: journalEntries.id,
      chain: journalEntries.chain,
      seq: journalEntries.seq,
      at: journalEntries.at,
      action: journalEntries.action,
      role: journalEntries.actorRole,
      officeCode: journalEntries.officeCode,
      officeName: offices.name,
      actorName: staffUsers.fullName,
      subjectInn: journalEntries.subjectInn,
      entityType: journalEntries.entityType,
      entityId: journalEntries.entityId,
      before: journalEntries.before,
      after: journalEntries.after,
    })
    .from(journalEntries)
    .leftJoin(offices, eq(offices.code, journalEntries.officeCode))
    .leftJoin(staffUsers, eq(staffUsers.id, journalEntries.actorId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(journalEntries.at), desc(journalEntries.id))
    .limit(limit);
  return rows.map((r) => ({ ...r, id: Number(r.id), seq: Number(r.seq), at: new Date(r.at) }));
}

/** Every entry about one subject, oldest first, shown by office and role: for a printed extract and the account holder's API (capped). */
export async function subjectJournalForPrint(db: DbOrTx, inn: string, limit = 1000): Promise<PublicJournalEntry[]> {
  return db
    .select(publicColumns)
    .from(journalEntries)
    .leftJoin(offices, eq(offices.code, journalEntries.officeCode))
    .where(eq(journalEntries.subjectInn, inn))
    .orderBy(asc(journalEntries.at), asc(journalEntries.id))
    .limit(limit);
}

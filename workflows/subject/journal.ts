import { and, asc, desc, eq, gte, inArray, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { decisions, journalEntries, offices, staffUsers } from "../../db/schema";
import { WorkflowError } from "../errors";

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
  const where: SQL[] = [];
  if (filters.officeCode === "global") where.push(isNull(journalEntries.officeCode));
  else if (filters.officeCode) where.push(eq(journalEntries.officeCode, filters.officeCode));
  if (filters.actorRole) where.push(eq(journalEntries.actorRole, filters.actorRole));
  if (filters.action) where.push(eq(journalEntries.action, filters.action));
  if (filters.inn) where.push(eq(journalEntries.subjectInn, filters.inn));
  if (filters.from) where.push(gte(journalEntries.at, filters.from));
  if (filters.to) where.push(lt(journalEntries.at, filters.to));
  if (cursor) where.push(sql`(${journalEntries.at}, ${journalEntries.id}) < (${cursor.at.toISOString()}::timestamptz, ${cursor.id})`);
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
    .limit(size + 1);
  const entries = rows.slice(0, size).map((r) => ({ ...r, id: Number(r.id), seq: Number(r.seq), at: new Date(r.at) }));
  const last = entries[entries.length - 1];
  return { entries, next: rows.length > size && last ? encodeCursor({ at: last.at, id: last.id }) : null };
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

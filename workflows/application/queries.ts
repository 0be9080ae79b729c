import { isUuid } from "../lifecycle/ids";
import { and, asc, count, desc, eq, inArray, ne, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { preparedPerDb } from "../../db/prepared";
import { applications, decisions, type GrantEffect, type HandOverStatus, type StoredApplicationForm } from "../../db/schema";
import { deadlineState, entryClock, type DeadlineState } from "../clock/deadlines";
import { WorkflowError } from "../errors";
import { normalizeInn } from "../registry/inn";
import { formatCode, isValidCode, normalizeCode } from "./code";
import type { Ground } from "./grounds";
import type { AlreadyAnnulled, ApplicationContext, ApplicationState, RequestKind, ReturnRecord } from "./machine";

/** An application as pages show it. The password hash never leaves the database; only whether one is held. */
export interface ApplicationView {
  id: string;
  code: string;
  inn: string;
  requestKind: RequestKind;
  subjectType: "individual" | "entrepreneur" | "legal_entity" | "foreign_resident";
  applicantName: string;
  form: StoredApplicationForm;
  status: ApplicationState;
  version: number;
  officeCode: string | null;
  createdAt: Date;
  expiresAt: Date;
  presentedAt: Date | null;
  presentedBy: string | null;
  decisionWarnAt: Date | null;
  decisionDueAt: Date | null;
  acceptedAt: Date | null;
  acceptedBy: string | null;
  incomingNumber: string | null;
  entryDueAt: Date | null;
  /** When the entry clock turns to warning (workflows/clock); null without an entry clock. */
  entryWarnAt: Date | null;
  closedAt: Date | null;
  closedBy: string | null;
  checklist: string[];
  returns: ReturnRecord[];
  /** An annulment application closed because the access was annulled earlier: when and why (decision 047). */
  alreadyAnnulled: AlreadyAnnulled | null;
  holdsPassword: boolean;
  decision: {
    id: string;
    number: string;
    /** The office that decided (R13): the one that may revoke it (decision 063). */
    officeCode: string;
    outcome: "granted" | "refused";
    grounds: Ground[];
    login: string | null;
    /** What a grant did to the access (decision 046): the page says this, not the application's kind. */
    effect: GrantEffect | null;
    decidedAt: Date;
    decidedBy: string;
    /** R11: the subject's copy — waiting, handed over against signature, or the subject did not come (decision 057). */
    handOver: HandOverStatus;
    handOverAt: Date | null;
    handOverBy: string | null;
  } | null;
}

const columns = {
  id: applications.id,
  code: applications.code,
  inn: applications.inn,
  requestKind: applications.requestKind,
  subjectType: applications.subjectType,
  applicantName: applications.applicantName,
  form: applications.form,
  status: applications.status,
  version: applications.version,
  snapshot: applications.snapshot,
  hasHash: applications.passwordHash,
  officeCode: applications.officeCode,
  createdAt: applications.createdAt,
  expiresAt: applications.expiresAt,
  presentedAt: applications.presentedAt,
  presentedBy: applications.presentedBy,
  decisionWarnAt: applications.decisionWarnAt,
  decisionDueAt: applications.decisionDueAt,
  acceptedAt: applications.acceptedAt,
  acceptedBy: applications.acceptedBy,
  incomingNumber: applications.incomingNumber,
  entryDueAt: applications.entryDueAt,
  closedAt: applications.closedAt,
  closedBy: applications.closedBy,
};

async function toView(db: Db, r: Awaited<ReturnType<typeof selectApps>>[number]): Promise<ApplicationView> {
  const { snapshot, hasHash, ...rest } = r;
  const ctx = (snapshot as { context: ApplicationContext }).context;
  const [d] = await db.select().from(decisions).where(eq(decisions.applicationId, r.id));
  return {
    ...rest,
    code: formatCode(r.code),
    entryWarnAt: r.entryDueAt ? entryClock(r.entryDueAt).warnAt : null,
    checklist: ctx.checklist,
    returns: ctx.returns,
    alreadyAnnulled: ctx.alreadyAnnulled ?? null,
    holdsPassword: hasHash !== null,
    decision: d
      ? {
          id: d.id,
          number: d.number,
          officeCode: d.officeCode,
          outcome: d.outcome,
          grounds: d.grounds as Ground[],
          login: d.login,
          effect: d.effect,
          decidedAt: d.decidedAt,
          decidedBy: d.decidedBy,
          handOver: d.handOver,
          handOverAt: d.handOverAt,
          handOverBy: d.handOverBy,
        }
      : null,
  };
}

function selectApps(db: Db) {
  return db.select(columns).from(applications);
}

export async function getApplication(db: Db, id: string): Promise<ApplicationView | null> {
  if (!isUuid(id)) return null;
  const [r] = await selectApps(db).where(eq(applications.id, id));
  return r ? toView(db, r) : null;
}

/**
 * R6: the front desk (and the applicant's status page) finds an application by INN and code. The
 * code may be typed in any case, with spaces or dashes; a mistyped code is told apart from an
 * unknown one by its check character.
 */
export async function findApplicationByInnAndCode(db: Db, inn: string, code: string): Promise<ApplicationView | null> {
  if (!isValidCode(code)) throw new WorkflowError("validation", "application.code_mistyped");
  const [r] = await selectApps(db).where(and(eq(applications.inn, normalizeInn(inn)), eq(applications.code, normalizeCode(code))));
  return r ? toView(db, r) : null;
}

export interface QueueItem {
  id: string;
  code: string;
  inn: string;
  applicantName: string;
  requestKind: RequestKind;
  status: ApplicationState;
  presentedAt: Date | null;
  acceptedAt: Date | null;
  incomingNumber: string | null;
  decisionWarnAt: Date | null;
  decisionDueAt: Date | null;
  entryDueAt: Date | null;
  /** When the entry clock turns to warning (workflows/clock); null without an entry clock. */
  entryWarnAt: Date | null;
  deadline: DeadlineState;
}

const queuePick = {
  id: applications.id,
  code: applications.code,
  inn: applications.inn,
  applicantName: applications.applicantName,
  requestKind: applications.requestKind,
  status: applications.status,
  presentedAt: applications.presentedAt,
  acceptedAt: applications.acceptedAt,
  incomingNumber: applications.incomingNumber,
  decisionWarnAt: applications.decisionWarnAt,
  decisionDueAt: applications.decisionDueAt,
  entryDueAt: applications.entryDueAt,
};
const openAt = () =>
  and(eq(applications.officeCode, sql.placeholder("office")), inArray(applications.status, ["presented", "accepted"]), ne(applications.requestKind, "annul"));
// The queue in one statement, built once (preparedPerDb): every inspector's page asks it again and
// again, and each round trip to the database cost the page about a thirtieth of its CPU (decision
// 078). The board's page of open applications carries their count (a window is counted before the
// limit), and the annulment entries follow it, told apart by `list`.
const queueRows = preparedPerDb((db) =>
  db
    .select({
      ...queuePick,
      list: sql<"open" | "entry">`'open'`.as("list"),
      place: sql<string>`row_number() over (order by ${applications.decisionDueAt}, ${applications.id})`.as("place"),
      total: sql<string>`count(*) over ()`.as("total"),
    })
    .from(applications)
    .where(openAt())
    .orderBy(asc(applications.decisionDueAt), asc(applications.id))
    .limit(sql.placeholder("limit"))
    .offset(sql.placeholder("offset"))
    .unionAll(
      db
        .select({
          ...queuePick,
          list: sql<"open" | "entry">`'entry'`.as("list"),
          place: sql<string>`row_number() over (order by ${applications.entryDueAt}, ${applications.id})`.as("place"),
          total: sql<string>`0::bigint`.as("total"),
        })
        .from(applications)
        .where(and(eq(applications.officeCode, sql.placeholder("office")), eq(applications.status, "accepted"), eq(applications.requestKind, "annul"))),
    )
    .orderBy(sql`"list" desc`, sql`"place"`)
    .prepare("queue_rows"),
);
// Asked only when the page asked for lies past the last open application, so carries no count.
const queueTotal = preparedPerDb((db) => db.select({ total: count() }).from(applications).where(openAt()).prepare("queue_total"));

/**
 * The office's front-desk board: open applications on the 20-minute clock (presented or accepted,
 * nearest deadline first; anything still open is shown, not only today's, since it is overdue),
 * and accepted annulment applications waiting to be entered (R20).
 */
export async function officeQueue(
  db: Db,
  officeCode: string,
  now: Date,
  { page = 1, pageSize = 50 }: { page?: number; pageSize?: number } = {},
): Promise<{ decisions: QueueItem[]; total: number; page: number; pageSize: number; annulmentEntries: QueueItem[] }> {
  // Written out, not spread: V8 copies a spread row slowly, about 3 µs each (a queue page is 53).
  const item = (r: Omit<QueueItem, "deadline" | "entryWarnAt">): QueueItem => ({
    id: r.id,
    code: formatCode(r.code),
    inn: r.inn,
    applicantName: r.applicantName,
    requestKind: r.requestKind,
    status: r.status,
    presentedAt: r.presentedAt,
    acceptedAt: r.acceptedAt,
    incomingNumber: r.incomingNumber,
    decisionWarnAt: r.decisionWarnAt,
    decisionDueAt: r.decisionDueAt,
    entryDueAt: r.entryDueAt,
    entryWarnAt: r.entryDueAt ? entryClock(r.entryDueAt).warnAt : null,
    deadline: deadlineState(r, now),
  });
  const size = Math.min(Math.max(1, pageSize), 200);
  const rows = await queueRows(db).execute({ office: officeCode, limit: size, offset: (Math.max(1, page) - 1) * size });
  const decisions: QueueItem[] = [];
  const annulmentEntries: QueueItem[] = [];
  for (const r of rows) (r.list === "open" ? decisions : annulmentEntries).push(item(r));
  let total = rows.length > 0 && rows[0].list === "open" ? Number(rows[0].total) : 0;
  if (decisions.length === 0 && page > 1) [{ total }] = await queueTotal(db).execute({ office: officeCode });
  return { decisions, total, page: Math.max(1, page), pageSize: size, annulmentEntries };
}

/** Every application of one INN, newest first (subject card, status page). */
export async function applicationsOfInn(db: Db, inn: string) {
  const rows = await db
    .select({
      id: applications.id,
      code: applications.code,
      requestKind: applications.requestKind,
      status: applications.status,
      createdAt: applications.createdAt,
      presentedAt: applications.presentedAt,
      incomingNumber: applications.incomingNumber,
      closedAt: applications.closedAt,
    })
    .from(applications)
    .where(eq(applications.inn, normalizeInn(inn)))
    .orderBy(desc(applications.createdAt));
  return rows.map((r) => ({ ...r, code: formatCode(r.code) }));
}

import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { queryRows, type Db, type Tx } from "../../db/client";
import { applications, offices, taxpayers } from "../../db/schema";
import type { ExtractAnchor, JournalExtractProps, OfficeInfo, SubjectInfo } from "../../templates/types";
import type { Actor } from "../actor";
import { DEFAULT_TIME_ZONE, officeYear } from "../clock/deadlines";
import { issueDocument, type IssuedDocument } from "../documents";
import { WorkflowError } from "../errors";
import { requireOfficeStaff, requireSubjectOffice } from "../lifecycle/office";
import { ONLINE_SERIES_OFFICE, takeNumber } from "../numbering";
import { normalizeInn } from "../registry/inn";
import { applicationJournal, subjectJournalForPrint, type PublicJournalEntry } from "./journal";
import { actionWords, roleWords } from "./labels";

export type JournalExtractPayload = Omit<JournalExtractProps, "document">;

async function officeInfo(tx: Tx, code: string | null): Promise<OfficeInfo | null> {
  if (!code) return null;
  const [o] = await tx.select().from(offices).where(eq(offices.code, code));
  return o ? { code: o.code, name: o.name, address: o.address, headName: o.headName, timeZone: o.timeZone } : null;
}

async function subjectInfo(tx: Tx, inn: string, applicationId: string | null): Promise<SubjectInfo> {
  const [reg] = await tx.select({ name: taxpayers.name, type: taxpayers.subjectType }).from(taxpayers).where(eq(taxpayers.inn, inn));
  if (reg) return { inn, name: reg.name, type: reg.type };
  const [app] = applicationId
    ? await tx.select({ name: applications.applicantName, type: applications.subjectType }).from(applications).where(eq(applications.id, applicationId))
    : await tx.select({ name: applications.applicantName, type: applications.subjectType }).from(applications).where(eq(applications.inn, inn)).limit(1);
  if (!app) throw new WorkflowError("not_found", "subject.not_found");
  return { inn, name: app.name, type: app.type };
}

/**
 * The time stamps covering the subject's entries now (decision 062): per chain holding one of
 * them, the newest anchor at or past the last; chains with none yet are `uncovered`.
 */
async function anchoringOf(tx: Tx, inn: string): Promise<NonNullable<JournalExtractProps["anchoring"]>> {
  const found = await queryRows<{ chain: string; head_seq: string | number | null; tsa_time: string | Date | null; token_serial: string | null }>(
    tx,
    sql`with mine as (select chain, max(seq) as seq from journal_entries where subject_inn = ${inn} group by chain)
        select m.chain, a.head_seq, a.tsa_time, a.token_serial from mine m
        left join lateral (select head_seq, tsa_time, token_serial from journal_anchors x where x.chain = m.chain and x.head_seq >= m.seq
                           order by head_seq desc, id desc limit 1) a on true
        order by m.chain`,
  );
  const covered: ExtractAnchor[] = found
    .filter((r) => r.head_seq !== null)
    .map((r) => ({ chain: r.chain, seq: Number(r.head_seq), tsaTime: new Date(r.tsa_time!).toISOString(), serial: r.token_serial! }));
  return { covered, uncovered: found.filter((r) => r.head_seq === null).map((r) => r.chain) };
}

function rows(events: PublicJournalEntry[]) {
  return events.map((e) => ({ at: new Date(e.at).toISOString(), event: actionWords(e.action), officeName: e.officeName, role: roleWords(e.role) }));
}

/**
 * Prints the subject's journal (UA seed) as a numbered extract with a QR code. With an application
 * it is that application's journal (what the public status page shows, printable by the subject,
 * office-less); without one it is the whole journal of the INN, printed by staff of the subject's
 * office for the subject. Staff names are never in the rows, only office and role.
 */
export async function issueJournalExtract(
  db: Db,
  actor: Actor,
  input: { inn: string; applicationId?: string | null },
  now: Date,
): Promise<IssuedDocument<JournalExtractPayload>> {
  const inn = normalizeInn(input.inn);
  const applicationId = input.applicationId ?? null;
  if (!applicationId && actor.type !== "staff") throw new WorkflowError("forbidden", "documents.office_only");
  return db.transaction(async (tx) => {
    if (actor.type === "staff" && actor.role !== "admin") await requireSubjectOffice(tx, requireOfficeStaff(actor), inn, null);
    if (applicationId) {
      const [app] = await tx.select({ inn: applications.inn }).from(applications).where(eq(applications.id, applicationId));
      if (!app || app.inn !== inn) throw new WorkflowError("not_found", "application.not_found");
    }
    const officeCode = actor.type === "staff" ? actor.officeCode : null;
    const events = applicationId ? await applicationJournal(tx, { id: applicationId, inn }) : await subjectJournalForPrint(tx, inn);
    const payload: JournalExtractPayload = {
      office: await officeInfo(tx, officeCode),
      subject: await subjectInfo(tx, inn, applicationId),
      period: { from: events[0] ? new Date(events[0].at).toISOString() : now.toISOString(), to: now.toISOString() },
      events: rows(events),
      preparedBy: actor.type === "staff" ? { fullName: actor.fullName } : null,
      anchoring: await anchoringOf(tx, inn),
    };
    // An extract is its own act, numbered in the issuing office's series (online ones in their own).
    const number = await takeNumber(tx, officeCode ?? ONLINE_SERIES_OFFICE, "journal_extract", officeYear(now, payload.office?.timeZone ?? DEFAULT_TIME_ZONE));
    // A whole-journal extract has no single source record: it is its own source.
    return issueDocument(tx, actor, { kind: "journal_extract", officeCode, subjectInn: inn, sourceId: applicationId ?? randomUUID(), number, payload }, now);
  });
}

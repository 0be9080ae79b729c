import { isUuid } from "../lifecycle/ids";
import { and, eq, isNull } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { annulments, applications, corrections, decisions, printedDocuments } from "../../db/schema";
import type { Actor } from "../actor";
import { issueDocument, reprintDocument, type IssuedDocument, type PrintedKind } from "../documents";
import { assertMayPrint } from "../documents/access";
import { WorkflowError } from "../errors";
import { formatCode } from "../application/code";
import { isClosedState, type ApplicationState } from "../application/machine";
import { alreadyAnnulledPayload, annulmentPayload, applicationPayload, decisionPayload, liftingPayload, revocationPayload } from "./payloads";

/**
 * What is printed: an application (online or with the acceptance mark), a decision, an annulment
 * notice — of an annulment, or of an annulment application that found the access already annulled
 * (its id is the application's; decision 047).
 */
export type PrintSource =
  | { source: "application"; id: string }
  | { source: "decision"; id: string }
  | { source: "annulment"; id: string }
  | { source: "already_annulled"; id: string }
  /** Decision 063: an approved revocation (the correction's id). */
  | { source: "revocation"; id: string }
  /** Decision 063: an approved lifting of evidence (the correction's id). */
  | { source: "lifting"; id: string };

export type PrintKind = Exclude<PrintedKind, "refusal_notice" | "journal_extract">;

/** What a print needs; `number` is the act's own (decision 044), never made here. */
type Prepared = { kind: PrintKind; officeCode: string | null; inn: string; number: string; payload: unknown };

/** Takes the source row's lock so two first prints at once issue one number, not two. */
async function lockSource(tx: Tx, s: PrintSource) {
  if (!isUuid(s.id)) throw new WorkflowError("not_found", "not_found");
  if (s.source === "revocation" || s.source === "lifting") {
    const [c] = await tx.select({ id: corrections.id }).from(corrections).where(eq(corrections.id, s.id)).for("update");
    if (!c) throw new WorkflowError("not_found", "correction.not_found");
    return;
  }
  const table = s.source === "application" || s.source === "already_annulled" ? applications : s.source === "decision" ? decisions : annulments;
  const [row] = await tx.select({ id: table.id }).from(table).where(eq(table.id, s.id)).for("update");
  if (!row) throw new WorkflowError("not_found", s.source === "annulment" ? "annulment.not_found" : table === applications ? "application.not_found" : "not_found");
}

async function prepare(tx: Tx, actor: Actor, s: PrintSource): Promise<Prepared> {
  if (s.source === "application") {
    const [app] = await tx
      .select({ inn: applications.inn, code: applications.code, officeCode: applications.officeCode, incomingNumber: applications.incomingNumber, status: applications.status })
      .from(applications)
      .where(eq(applications.id, s.id));
    // The public prints the saved form under its code (no office has it yet); staff print it with the
    // acceptance mark (R7) under its incoming number.
    if (actor.type !== "staff") {
      // The applicant's copy is for taking the application to the office; once it is decided (or
      // has expired) the status page says what happened, and the form is no longer handed out.
      if (isClosedState(app.status as ApplicationState)) throw new WorkflowError("conflict", "printing.application_closed");
      const payload = await applicationPayload(tx, s.id);
      return { kind: "application", officeCode: null, inn: app.inn, number: formatCode(app.code), payload: { ...payload, office: null, acceptance: null } };
    }
    assertMayPrint(actor, app.officeCode, "application");
    if (!app.incomingNumber) throw new WorkflowError("conflict", "printing.not_accepted");
    return { kind: "application", officeCode: app.officeCode, inn: app.inn, number: app.incomingNumber, payload: await applicationPayload(tx, s.id) };
  }
  if (s.source === "decision") {
    const d = await decisionPayload(tx, s.id);
    assertMayPrint(actor, d.officeCode, d.kind);
    return { kind: d.kind, officeCode: d.officeCode, inn: d.inn, number: d.number, payload: d.payload };
  }
  if (s.source === "revocation" || s.source === "lifting") {
    const kind = s.source === "revocation" ? "revocation_act" : "lifting_act";
    const [c] = await tx.select({ officeCode: corrections.officeCode }).from(corrections).where(eq(corrections.id, s.id));
    // The office check comes before the payload is read, as for any act.
    assertMayPrint(actor, c.officeCode, kind);
    const r = s.source === "revocation" ? await revocationPayload(tx, s.id) : await liftingPayload(tx, s.id);
    // Its number was made with the approval (decision 044): printing never makes one.
    return { kind, officeCode: r.officeCode, inn: r.inn, number: r.number, payload: r.payload };
  }
  if (s.source === "already_annulled") {
    const [app] = await tx.select({ officeCode: applications.officeCode }).from(applications).where(eq(applications.id, s.id));
    // The office check comes before the payload is read, as for any notice.
    assertMayPrint(actor, app.officeCode, "annulment_notice");
    const n = await alreadyAnnulledPayload(tx, s.id);
    // Its number was made when the application closed (decision 044), as an annulment's is when it takes effect.
    return { kind: "annulment_notice", officeCode: n.officeCode, inn: n.inn, number: n.number, payload: n.payload };
  }
  const [a] = await tx.select({ officeCode: annulments.officeCode, number: annulments.number }).from(annulments).where(eq(annulments.id, s.id));
  // The office check comes before the payload is read, so another office learns nothing.
  assertMayPrint(actor, a.officeCode, "annulment_notice");
  const n = await annulmentPayload(tx, s.id);
  // Only an annulment in effect (or scheduled) has a notice, and it is numbered when it took effect.
  if (!a.number) throw new WorkflowError("conflict", "application.event_not_allowed");
  return { kind: "annulment_notice", officeCode: n.officeCode, inn: n.inn, number: a.number, payload: n.payload };
}

/**
 * Issue-or-reprint: the first print of a source (per kind and office, the online series counting
 * as its own) issues a numbered, journaled document; every later print is a reprint of that same
 * document, marked «ДУБЛИКАТ» and journaled. Role and office are checked before anything is read
 * out or written.
 */
export async function printDocument(db: Db, actor: Actor, s: PrintSource, now: Date): Promise<IssuedDocument> {
  const outcome = await db.transaction(async (tx): Promise<{ issued: IssuedDocument } | { existingId: string }> => {
    await lockSource(tx, s);
    const prepared = await prepare(tx, actor, s);
    const [existing] = await tx
      .select({ id: printedDocuments.id })
      .from(printedDocuments)
      .where(
        and(
          eq(printedDocuments.sourceId, s.id),
          eq(printedDocuments.kind, prepared.kind),
          prepared.officeCode === null ? isNull(printedDocuments.officeCode) : eq(printedDocuments.officeCode, prepared.officeCode),
        ),
      )
      .limit(1);
    if (existing) return { existingId: existing.id };
    const issued = await issueDocument(tx, actor, { kind: prepared.kind, officeCode: prepared.officeCode, subjectInn: prepared.inn, sourceId: s.id, number: prepared.number, payload: prepared.payload }, now);
    return { issued };
  });
  if ("issued" in outcome) return outcome.issued;
  return reprintDocument(db, actor, outcome.existingId, now);
}

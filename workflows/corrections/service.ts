import { and, asc, desc, eq, gt, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db, DbOrTx } from "../../db/client";
import { accessAccounts, applications, corrections, decisions, fictitiousEvidence, staffUsers, type CorrectionKind, type CorrectionStatus, type RevocationAccountEffect } from "../../db/schema";
import type { Actor } from "../actor";
import { accountByInn } from "../account/access";
import { WorkflowError } from "../errors";
import { appendJournal, type JournalAction } from "../journal";
import { isUuid, requireUuid } from "../lifecycle/ids";
import { requireOfficeStaff, responsibleOffice } from "../lifecycle/office";
import { applyAccountEvent, between, type RunOptions } from "../lifecycle/runner";
import { nextSnapshot } from "../lifecycle/machine-step";
import { takeOfficeNumber } from "../numbering";
import { correctionMachine, correctionSnapshot, type CorrectionContext, type CorrectionEvent, type LiftingDocument } from "./machine";
import { requireOfficeSeen } from "../subject/jurisdiction";
import { correctionRefusals } from "./refusals";
import { approvedRevocationOf } from "./revoked";

type Row = typeof corrections.$inferSelect;
type Target = { officeCode: string; inn: string; number: string | null };

const JOURNAL: Record<CorrectionKind, Record<"proposed" | "approved" | "rejected", JournalAction>> = {
  revoke_decision: { proposed: "decision.revocation_proposed", approved: "decision.revoked", rejected: "decision.revocation_rejected" },
  lift_evidence: { proposed: "evidence.lifting_proposed", approved: "evidence.lifted", rejected: "evidence.lifting_rejected" },
};
const ENTITY: Record<CorrectionKind, string> = { revoke_decision: "decision", lift_evidence: "evidence" };
const NOT_FOUND: Record<CorrectionKind, string> = { revoke_decision: "decision.not_found", lift_evidence: "evidence.not_found" };

/** A decision not revoked with four eyes: a revoked later grant governs the access no more. */
const notRevoked = sql`not exists (select 1 from corrections r where r.kind = 'revoke_decision' and r.target_id = ${decisions.id} and r.status = 'approved')`;

/** The machine's answer to an event on a correction: the next state, or the refusing guard's message. */
function step(context: CorrectionContext, state: "draft" | CorrectionStatus, event: CorrectionEvent) {
  const snap = correctionSnapshot(state, context);
  if (!snap.can(event)) {
    const candidates = (correctionMachine.states[state]?.on?.[event.type] ?? []) as { guard?: unknown }[];
    const guard = candidates.map((t) => (typeof t.guard === "string" ? t.guard : null)).find((g) => g && correctionRefusals[g]);
    if (guard) {
      const r = correctionRefusals[guard](context, event);
      throw new WorkflowError(r.code, r.key, { state, ...r.details });
    }
    throw new WorkflowError("conflict", "correction.already_decided", { state });
  }
  return nextSnapshot(correctionMachine, snap, event);
}

/** The decision or the evidence corrected, locked: whose office it is, whose subject, its number. */
async function lockTarget(tx: DbOrTx, kind: CorrectionKind, targetId: string): Promise<Target> {
  if (!isUuid(targetId)) throw new WorkflowError("not_found", NOT_FOUND[kind]);
  if (kind === "revoke_decision") {
    const [d] = await tx
      .select({ officeCode: decisions.officeCode, inn: applications.inn, number: decisions.number })
      .from(decisions)
      .innerJoin(applications, eq(applications.id, decisions.applicationId))
      .where(eq(decisions.id, targetId))
      .for("update", { of: decisions });
    if (!d) throw new WorkflowError("not_found", NOT_FOUND[kind]);
    return d;
  }
  const [e] = await tx
    .select({ inn: fictitiousEvidence.inn, recorderOffice: staffUsers.officeCode, number: fictitiousEvidence.documentNumber })
    .from(fictitiousEvidence)
    .leftJoin(staffUsers, eq(staffUsers.id, fictitiousEvidence.recordedBy))
    .where(eq(fictitiousEvidence.id, targetId))
    .for("update", { of: fictitiousEvidence });
  if (!e) throw new WorkflowError("not_found", NOT_FOUND[kind]);
  // R13: the office of the subject's registration; an unregistered INN's evidence stays with the office that recorded it.
  const officeCode = await responsibleOffice(tx, e.inn, e.recorderOffice);
  if (!officeCode) throw new WorkflowError("not_found", NOT_FOUND[kind]);
  return { officeCode, inn: e.inn, number: e.number };
}

export interface Proposal {
  reason: string;
  /** The document that lifts evidence; null for a revocation. */
  document: LiftingDocument | null;
}

/**
 * A supervisor of the target's office proposes a correction (decision 063): the machine refuses an
 * inspector, another office, a missing reason or document. A target with an open proposal or an
 * approved correction is refused. Nothing changes for the target until another supervisor approves.
 */
export async function proposeCorrection(db: Db, actor: Actor, kind: CorrectionKind, targetId: string, proposal: Proposal, now: Date): Promise<{ correctionId: string }> {
  const staff = requireOfficeStaff(actor);
  return db.transaction(async (tx) => {
    const target = await lockTarget(tx, kind, targetId);
    const context: CorrectionContext = { kind, officeCode: target.officeCode, proposedBy: null };
    const document = proposal.document ? { number: proposal.document.number.trim(), date: proposal.document.date.trim(), issuer: proposal.document.issuer.trim() } : null;
    const event = { type: "PROPOSE" as const, at: now.toISOString(), by: staff.id, role: staff.role, officeCode: staff.officeCode, reason: proposal.reason, document };
    step(context, "draft", event);
    if (kind === "lift_evidence" && document && !/^\d{4}-\d{2}-\d{2}$/.test(document.date)) throw new WorkflowError("validation", "correction.document_date_invalid");
    const [open] = await tx
      .select({ status: corrections.status, number: corrections.number })
      .from(corrections)
      .where(and(eq(corrections.kind, kind), eq(corrections.targetId, targetId), inArray(corrections.status, ["proposed", "approved"])));
    if (open) throw new WorkflowError("conflict", open.status === "approved" ? "correction.already_approved" : "correction.already_proposed", { number: open.number });
    const [row] = await tx
      .insert(corrections)
      .values({
        kind,
        officeCode: target.officeCode,
        targetId,
        subjectInn: target.inn,
        reason: proposal.reason.trim(),
        documentNumber: document?.number ?? null,
        documentDate: document?.date ?? null,
        documentIssuer: document?.issuer ?? null,
        status: "proposed",
        proposedBy: staff.id,
        proposedAt: now,
      })
      .returning({ id: corrections.id });
    await appendJournal(tx, {
      actor: staff,
      officeCode: target.officeCode,
      action: JOURNAL[kind].proposed,
      subjectInn: target.inn,
      entityType: ENTITY[kind],
      entityId: targetId,
      after: { correctionId: row.id, status: "proposed", reason: proposal.reason.trim(), target: target.number, ...(document ? { document } : {}) },
    });
    return { correctionId: row.id };
  });
}

/**
 * A grant revoked: the access follows in the same transaction (decision 063). An access that rests on
 * a later grant is that grant's; an annulled one stays so; otherwise the account machine annuls it.
 */
async function revokeGrantAccess(tx: DbOrTx, staff: Actor & { id: string }, c: Row, now: Date): Promise<RevocationAccountEffect> {
  const [d] = await tx.select({ decidedAt: decisions.decidedAt }).from(decisions).where(eq(decisions.id, c.targetId));
  const [later] = await tx
    .select({ number: decisions.number })
    .from(decisions)
    .innerJoin(applications, eq(applications.id, decisions.applicationId))
    .where(and(eq(applications.inn, c.subjectInn), eq(decisions.outcome, "granted"), gt(decisions.decidedAt, d.decidedAt), notRevoked))
    .limit(1);
  if (later) return "later_grant";
  const account = await accountByInn(tx, c.subjectInn, true);
  if (!account || account.status === "annulled") return "already_annulled";
  const s = applyAccountEvent(account.snapshot, { type: "REVOKE_GRANT", at: now.toISOString(), by: staff.id }, "correction.access_suspended");
  await tx
    .update(accessAccounts)
    .set({ status: "annulled", passwordHash: null, snapshot: s.persisted as unknown, version: account.version + 1, updatedAt: now })
    .where(eq(accessAccounts.id, account.id));
  await appendJournal(tx, {
    actor: staff as Actor,
    officeCode: c.officeCode,
    action: "account.annulled",
    subjectInn: c.subjectInn,
    entityType: "account",
    entityId: account.login,
    before: { status: s.before },
    after: { status: s.after, kind: "revoked_decision", correctionId: c.id },
  });
  return "annulled";
}

async function decide(db: Db, actor: Actor, correctionId: string, now: Date, decision: { approve: true } | { approve: false; reason: string }, opts?: RunOptions) {
  const staff = requireOfficeStaff(actor);
  requireUuid(correctionId, "correction.not_found");
  return db.transaction(async (tx) => {
    const [c] = await tx.select().from(corrections).where(eq(corrections.id, correctionId)).for("update");
    if (!c) throw new WorkflowError("not_found", "correction.not_found");
    // R13 first: another office learns nothing of the proposal.
    if (c.officeCode !== staff.officeCode) throw new WorkflowError("forbidden", "office.not_subject_office", { subjectOffice: c.officeCode });
    const context: CorrectionContext = { kind: c.kind, officeCode: c.officeCode, proposedBy: c.proposedBy };
    const who = { at: now.toISOString(), by: staff.id, role: staff.role, officeCode: staff.officeCode };
    const next = step(context, c.status, decision.approve ? { type: "APPROVE", ...who } : { type: "REJECT", ...who, reason: decision.reason });
    const status = next.value as CorrectionStatus;
    let number: string | null = null;
    let accountEffect: RevocationAccountEffect | null = null;
    if (decision.approve) {
      await lockTarget(tx, c.kind, c.targetId);
      number = await takeOfficeNumber(tx, c.officeCode, c.kind === "revoke_decision" ? "revocation" : "lifting", now);
      if (c.kind === "revoke_decision") {
        const [d] = await tx.select({ outcome: decisions.outcome }).from(decisions).where(eq(decisions.id, c.targetId));
        if (d.outcome === "granted") accountEffect = await revokeGrantAccess(tx, staff, c, now);
        await between(opts, "account");
      }
    }
    await tx
      .update(corrections)
      .set({ status, decidedBy: staff.id, decidedAt: now, number, accountEffect, rejectionReason: decision.approve ? null : decision.reason.trim() })
      .where(eq(corrections.id, c.id));
    await appendJournal(tx, {
      actor: staff,
      officeCode: c.officeCode,
      action: JOURNAL[c.kind][decision.approve ? "approved" : "rejected"],
      subjectInn: c.subjectInn,
      entityType: ENTITY[c.kind],
      entityId: c.targetId,
      before: { status: c.status },
      after: { correctionId: c.id, status, ...(number ? { number } : {}), ...(accountEffect ? { accountEffect } : {}), ...(decision.approve ? {} : { reason: decision.reason.trim() }) },
    });
    return { status, number, accountEffect };
  });
}

/** Four eyes: another supervisor of the office approves; the act's number is made now, the effect follows at once. */
export function approveCorrection(db: Db, actor: Actor, correctionId: string, now: Date, opts?: RunOptions) {
  return decide(db, actor, correctionId, now, { approve: true }, opts);
}

/** The proposal was wrong: nothing changes, the reason is kept. */
export function rejectCorrection(db: Db, actor: Actor, correctionId: string, reason: string, now: Date) {
  return decide(db, actor, correctionId, now, { approve: false, reason });
}

/** What the desk offers on an open proposal: exactly what the machine allows this staff member. */
export function correctionSteps(c: Pick<Row, "kind" | "officeCode" | "proposedBy" | "status">, staff: { id: string; role: string; officeCode: string | null }, now: Date): ("approve" | "reject")[] {
  const snap = correctionSnapshot(c.status, { kind: c.kind, officeCode: c.officeCode, proposedBy: c.proposedBy });
  const who = { at: now.toISOString(), by: staff.id, role: staff.role, officeCode: staff.officeCode };
  return [
    ...(snap.can({ type: "APPROVE", ...who }) ? (["approve"] as const) : []),
    ...(snap.can({ type: "REJECT", ...who, reason: "-" }) ? (["reject"] as const) : []),
  ];
}

/** Whether this staff member may propose a correction of a target of `officeCode` (the desk shows the form only then). */
export function mayPropose(kind: CorrectionKind, officeCode: string, staff: { id: string; role: string; officeCode: string | null }, now: Date): boolean {
  const doc = kind === "lift_evidence" ? { number: "-", date: "-", issuer: "-" } : null;
  return correctionSnapshot("draft", { kind, officeCode, proposedBy: null }).can({ type: "PROPOSE", at: now.toISOString(), by: staff.id, role: staff.role, officeCode: staff.officeCode, reason: "-", document: doc });
}

/** The office's open proposals, oldest first, each with the steps the machine allows this staff member. */
export async function pendingCorrections(db: Db, actor: Actor, now: Date, officeCode?: string) {
  const staff = requireOfficeStaff(actor);
  // Another office's corrections are shown to a regional supervisor (decision 067) if they see it.
  const office = await requireOfficeSeen(db, staff, officeCode);
  const proposer = alias(staffUsers, "correction_proposer");
  const rows = await db
    .select({ c: corrections, proposedByName: proposer.fullName, decisionNumber: decisions.number, decisionOutcome: decisions.outcome, applicationId: decisions.applicationId, evidenceDocument: fictitiousEvidence.documentNumber })
    .from(corrections)
    .leftJoin(proposer, eq(proposer.id, corrections.proposedBy))
    .leftJoin(decisions, and(eq(corrections.kind, "revoke_decision"), eq(decisions.id, corrections.targetId)))
    .leftJoin(fictitiousEvidence, and(eq(corrections.kind, "lift_evidence"), eq(fictitiousEvidence.id, corrections.targetId)))
    .where(and(eq(corrections.officeCode, office), eq(corrections.status, "proposed")))
    .orderBy(asc(corrections.proposedAt));
  return rows.map(({ c, ...r }) => ({ ...c, ...r, steps: correctionSteps(c, staff, now) }));
}

/** The corrections of one target, newest first (the desk's application page, the subject card). */
export async function correctionsOf(db: DbOrTx, kind: CorrectionKind, targetIds: string[]) {
  if (targetIds.length === 0) return [];
  return db
    .select()
    .from(corrections)
    .where(and(eq(corrections.kind, kind), inArray(corrections.targetId, targetIds)))
    .orderBy(desc(corrections.proposedAt));
}

/** The approved revocation of a decision, if any: the act that ended it (decision 063). */
export async function revocationOf(db: DbOrTx, decisionId: string) {
  const [r] = await db
    .select({ id: corrections.id, number: corrections.number, decidedAt: corrections.decidedAt, reason: corrections.reason, accountEffect: corrections.accountEffect })
    .from(corrections)
    .where(approvedRevocationOf(decisionId));
  return r ?? null;
}

/**
 * A target's corrections for a desk page (the decision's panel, an evidence row of the subject
 * card): the latest, and whether this staff member may propose one now (the machine's PROPOSE, and
 * nothing open or approved already).
 */
export async function targetCorrections(db: DbOrTx, actor: Actor, kind: CorrectionKind, targetIds: string[], officeCode: string | null, now: Date) {
  const rows = await correctionsOf(db, kind, targetIds);
  const may = actor.type === "staff" && officeCode !== null && mayPropose(kind, officeCode, actor, now);
  return Object.fromEntries(
    targetIds.map((id) => {
      const mine = rows.filter((r) => r.targetId === id);
      const latest = mine[0] ?? null;
      const blocked = mine.some((r) => r.status === "proposed" || r.status === "approved");
      return [id, { latest, canPropose: may && !blocked }];
    }),
  ) as Record<string, { latest: Row | null; canPropose: boolean }>;
}

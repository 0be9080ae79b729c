import { and, asc, count, eq, inArray, lt, not } from "drizzle-orm";
import type { Db } from "../../db/client";
import { applications, decisions } from "../../db/schema";
import type { Actor } from "../actor";
import { handOverDueAt } from "../clock/deadlines";
import { WorkflowError } from "../errors";
import { appendJournal } from "../journal";
import { lifecycleConfig } from "../lifecycle/config";
import { requireUuid } from "../lifecycle/ids";
import { requireOfficeStaff, requireSubjectOffice } from "../lifecycle/office";
import { nextSnapshot } from "../lifecycle/machine-step";
import { revocationOf } from "../corrections/service";
import { decisionIsRevoked } from "../corrections/revoked";
import { handOverMachine, handOverSnapshot, type HandOverEvent, type HandOverStep } from "./machine";

export const HAND_OVER_STEPS = ["hand_over", "not_collected"] as const satisfies readonly HandOverStep[];
export function isHandOverStep(value: unknown): value is HandOverStep {
  return typeof value === "string" && (HAND_OVER_STEPS as readonly string[]).includes(value);
}

const EVENT: Record<HandOverStep, HandOverEvent["type"]> = { hand_over: "HAND_OVER", not_collected: "NOT_COLLECTED" };
const ACTION = { hand_over: "decision.handed_over", not_collected: "decision.not_collected" } as const;

/**
 * R11: the inspector records that the subject's copy of the decision was handed over against
 * signature, or that the subject did not come. Staff of the decision's office only (R13); what may
 * be recorded is what the hand-over machine allows; the row and the journal entry in one transaction.
 * The decision is the application's (one application, at most one decision).
 */
export async function recordHandOver(db: Db, actor: Actor, applicationId: string, step: HandOverStep, now: Date): Promise<void> {
  const staff = requireOfficeStaff(actor);
  requireUuid(applicationId, "decision.not_found");
  await db.transaction(async (tx) => {
    const [found] = await tx
      .select({ decisionId: decisions.id, officeCode: decisions.officeCode, inn: applications.inn, appOffice: applications.officeCode })
      .from(applications)
      .leftJoin(decisions, eq(decisions.applicationId, applications.id))
      .where(eq(applications.id, applicationId));
    if (!found) throw new WorkflowError("not_found", "application.not_found");
    // R13 first: another office learns nothing of the application, not even whether it was decided.
    if (found.decisionId === null) {
      await requireSubjectOffice(tx, staff, found.inn, found.appOffice);
      throw new WorkflowError("not_found", "decision.not_found");
    }
    if (found.officeCode !== staff.officeCode) throw new WorkflowError("forbidden", "office.not_subject_office");
    const [d] = await tx
      .select({ id: decisions.id, officeCode: decisions.officeCode, number: decisions.number, decidedAt: decisions.decidedAt, handOver: decisions.handOver })
      .from(decisions)
      .where(eq(decisions.id, found.decisionId))
      .for("update");
    const snapshot = handOverSnapshot(d.handOver, d.decidedAt);
    const revoked = (await revocationOf(tx, d.id)) !== null;
    const event = { type: EVENT[step], at: now.toISOString(), by: staff.id, revoked } as HandOverEvent;
    if (!snapshot.can(event)) throw new WorkflowError("conflict", revoked ? "handover.revoked" : "handover.not_allowed", { state: d.handOver });
    const next = nextSnapshot(handOverMachine, snapshot, event).value;
    await tx
      .update(decisions)
      .set({ handOver: next as typeof d.handOver, handOverAt: now, handOverBy: staff.id })
      .where(eq(decisions.id, d.id));
    await appendJournal(tx, {
      actor: staff,
      officeCode: d.officeCode,
      action: ACTION[step],
      subjectInn: found.inn,
      entityType: "decision",
      entityId: d.id,
      before: { handOver: d.handOver },
      after: { handOver: next, number: d.number },
    });
  });
}

/** A decision of the office whose copy still waits for the subject, past the configured wait. */
export interface WaitingHandOver {
  decisionId: string;
  applicationId: string;
  number: string;
  inn: string;
  applicantName: string;
  outcome: "granted" | "refused";
  decidedAt: Date;
  handOver: "awaiting" | "not_collected";
  dueAt: Date;
}

/** The office's decisions whose copy still waits, past the configured wait after the decision (R11). */
/** Decisions of the offices whose copy is still not handed over past the hand-over time (R11). */
export function waitingPastDue(officeCodes: string | string[], now: Date) {
  const since = new Date(now.getTime() - lifecycleConfig.handOverDueMinutes * 60_000);
  const office = typeof officeCodes === "string" ? eq(decisions.officeCode, officeCodes) : inArray(decisions.officeCode, officeCodes);
  // A revoked decision's copy is void (decision 063): nobody waits for it.
  return and(office, inArray(decisions.handOver, ["awaiting", "not_collected"]), lt(decisions.decidedAt, since), not(decisionIsRevoked(decisions.id)));
}

/** R11 on the board: those decisions, oldest first, and how many there are. */
export async function waitingHandOvers(db: Db, officeCode: string, now: Date, limit = 50): Promise<{ items: WaitingHandOver[]; total: number }> {
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        decisionId: decisions.id,
        applicationId: decisions.applicationId,
        number: decisions.number,
        inn: applications.inn,
        applicantName: applications.applicantName,
        outcome: decisions.outcome,
        decidedAt: decisions.decidedAt,
        handOver: decisions.handOver,
      })
      .from(decisions)
      .innerJoin(applications, eq(applications.id, decisions.applicationId))
      .where(waitingPastDue(officeCode, now))
      .orderBy(asc(decisions.decidedAt))
      .limit(limit),
    db.select({ total: count() }).from(decisions).where(waitingPastDue(officeCode, now)),
  ]);
  const due = lifecycleConfig.handOverDueMinutes;
  return { items: rows.map((r) => ({ ...r, handOver: r.handOver as WaitingHandOver["handOver"], dueAt: handOverDueAt(r.decidedAt, due) })), total: Number(total) };
}

import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { accessAccounts, annulments, fictitiousEvidence } from "../../db/schema";
import type { Actor } from "../actor";
import { journalApp, lockApplication, writeApplication } from "../application/persist";
import { WorkflowError } from "../errors";
import { appendJournal } from "../journal";
import { applyAccountEvent, applyApplicationEvent, between, checkVersion, type RunOptions } from "../lifecycle/runner";
import { requireOfficeStaff, requireSubjectOffice } from "../lifecycle/office";
import { isUuid, requireUuid } from "../lifecycle/ids";
import { takeOfficeNumber } from "../numbering";
import { overdueEntry, unrecordedLateness } from "../clock/lateness";
import { accessFact, accountByInn } from "../account/access";
import { sql } from "drizzle-orm";

const notLifted = sql`not exists (select 1 from corrections c where c.kind = 'lift_evidence' and c.target_id = ${fictitiousEvidence.id} and c.status = 'approved')`;

const iso = (d: Date) => d.toISOString();

/**
 * R18–R20: entering an accepted annulment application annuls the login and password. The login
 * stays reserved for the subject: a later grant gives the same one back. When the access was
 * annulled since the application was accepted (or before it: another application, R21, an online
 * refusal), there is nothing left to annul: the application closes as already annulled, the
 * account and the annulments stay as they are, and its own notice says so (decision 047).
 */
export async function enterAnnulment(
  db: Db,
  actor: Actor,
  applicationId: string,
  now: Date,
  opts?: RunOptions,
): Promise<{ status: "entered" | "already_annulled"; annulmentId: string | null }> {
  const staff = requireOfficeStaff(actor);
  return db.transaction(async (tx) => {
    const row = await lockApplication(tx, applicationId, opts);
    const office = await requireSubjectOffice(tx, staff, row.inn, row.officeCode);
    const account = await accountByInn(tx, row.inn, true);
    const probe = { type: "ENTER" as const, at: iso(now), by: staff.id, access: accessFact(account), noticeNumber: "" };
    // Applying the event before taking a number keeps a refused event from consuming one.
    applyApplicationEvent(row.snapshot, probe);
    // The notice is the act's paper: of the annulment made now, or of the closing that found none to make.
    const noticeNumber = await takeOfficeNumber(tx, office, "annulment_notice", now);
    const step = applyApplicationEvent(row.snapshot, { ...probe, noticeNumber });
    // An entry past R20's two days records its own lateness, unless the sweeper did first (decision 045).
    const lateSince = unrecordedLateness(row, "entry", now);
    const lateness = lateSince ? { overdueRecordedAt: now } : {};
    if (lateSince) await appendJournal(tx, overdueEntry(row, "entry", lateSince, row.status));
    if (step.after === "already_annulled" && probe.access.status === "annulled") {
      await writeApplication(tx, row, step, lateness);
      await between(opts, "application");
      await journalApp(tx, staff, row, office, "application.already_annulled", { status: step.before }, {
        status: step.after,
        annulledAt: probe.access.at,
        annulledFor: probe.access.for,
        noticeNumber,
      });
      return { status: "already_annulled" as const, annulmentId: null };
    }
    if (!account) throw new WorkflowError("conflict", "annulment.no_account");
    const accountStep = applyAccountEvent(account.snapshot, { type: "ANNUL_ON_REQUEST", at: iso(now), by: staff.id }, "annulment.no_active_account");
    await tx
      .update(accessAccounts)
      .set({ status: "annulled", passwordHash: null, snapshot: accountStep.persisted as unknown, version: account.version + 1, updatedAt: now })
      .where(eq(accessAccounts.id, account.id));
    await between(opts, "account");
    const [annulment] = await tx
      .insert(annulments)
      .values({
        accountId: account.id,
        officeCode: office,
        kind: "on_request",
        status: "entered",
        applicationId: row.id,
        proposedBy: row.acceptedBy,
        proposedAt: row.acceptedAt ?? now,
        decidedBy: staff.id,
        decidedAt: now,
        effectiveAt: now,
        number: noticeNumber,
      })
      .returning({ id: annulments.id });
    await between(opts, "annulment");
    await writeApplication(tx, row, step, lateness);
    await between(opts, "application");
    await journalApp(tx, staff, row, office, "application.entered", { status: step.before }, { status: step.after, annulmentId: annulment.id });
    await appendJournal(tx, {
      actor: staff,
      officeCode: office,
      action: "account.annulled",
      subjectInn: row.inn,
      entityType: "account",
      entityId: account.login,
      before: { status: accountStep.before },
      after: { status: accountStep.after, kind: "on_request", annulmentId: annulment.id },
    });
    return { status: "entered" as const, annulmentId: annulment.id };
  });
}

/**
 * R21: documented fictitious activity. The proposal suspends the access at once (the credential
 * check answers inactive); a supervisor of the office who is not the proposer decides.
 */
export async function proposeFictitiousAnnulment(db: Db, actor: Actor, inn: string, evidenceId: string, now: Date, opts?: RunOptions): Promise<{ annulmentId: string }> {
  const staff = requireOfficeStaff(actor);
  return db.transaction(async (tx) => {
    const office = await requireSubjectOffice(tx, staff, inn, null);
    if (!isUuid(evidenceId)) throw new WorkflowError("validation", "annulment.evidence_not_found");
    const [evidence] = await tx
      .select({ id: fictitiousEvidence.id })
      .from(fictitiousEvidence)
      .where(and(eq(fictitiousEvidence.id, evidenceId), eq(fictitiousEvidence.inn, inn), notLifted));
    // Lifted evidence (decision 063) stays in the record but grounds nothing.
    if (!evidence) throw new WorkflowError("validation", "annulment.evidence_not_found");
    const account = await accountByInn(tx, inn, true);
    if (!account) throw new WorkflowError("conflict", "annulment.no_active_account");
    checkVersion(account.version, opts);
    const annulmentId = randomUUID();
    const step = applyAccountEvent(
      account.snapshot,
      { type: "PROPOSE_FICTITIOUS", at: iso(now), by: staff.id, evidenceId, annulmentId },
      "annulment.no_active_account",
    );
    await tx.insert(annulments).values({
      id: annulmentId,
      accountId: account.id,
      officeCode: office,
      kind: "fictitious_activity",
      status: "proposed",
      evidenceId,
      proposedBy: staff.id,
      proposedAt: now,
    });
    await between(opts, "annulment");
    await tx
      .update(accessAccounts)
      .set({ status: "suspended", snapshot: step.persisted as unknown, version: account.version + 1, updatedAt: now })
      .where(eq(accessAccounts.id, account.id));
    await between(opts, "account");
    await appendJournal(tx, {
      actor: staff,
      officeCode: office,
      action: "annulment.proposed",
      subjectInn: inn,
      entityType: "annulment",
      entityId: annulmentId,
      before: { accountStatus: step.before },
      after: { accountStatus: step.after, evidenceId },
    });
    return { annulmentId };
  });
}

async function decideProposal(
  db: Db,
  actor: Actor,
  annulmentId: string,
  now: Date,
  decision: { approve: true } | { approve: false; reason: string },
  opts?: RunOptions,
) {
  const staff = requireOfficeStaff(actor, ["inspector", "supervisor"]);
  requireUuid(annulmentId, "annulment.not_found");
  return db.transaction(async (tx) => {
    const [annulment] = await tx.select().from(annulments).where(eq(annulments.id, annulmentId)).for("update");
    if (!annulment || annulment.kind !== "fictitious_activity") throw new WorkflowError("not_found", "annulment.not_found");
    const [account] = await tx.select().from(accessAccounts).where(eq(accessAccounts.id, annulment.accountId)).for("update");
    await requireSubjectOffice(tx, staff, account.inn, annulment.officeCode);
    if (annulment.status !== "proposed") throw new WorkflowError("conflict", "annulment.already_decided", { status: annulment.status });
    checkVersion(account.version, opts);
    const event = decision.approve
      ? ({ type: "APPROVE", at: iso(now), by: staff.id, role: staff.role } as const)
      : ({ type: "REJECT", at: iso(now), by: staff.id, role: staff.role, reason: decision.reason } as const);
    const step = applyAccountEvent(account.snapshot, event);
    await tx
      .update(accessAccounts)
      .set({
        status: step.after as "active" | "annulled",
        // An approved annulment annuls the password with the login (R21); a rejection restores the access as it was.
        ...(decision.approve ? { passwordHash: null } : {}),
        snapshot: step.persisted as unknown,
        version: account.version + 1,
        updatedAt: now,
      })
      .where(eq(accessAccounts.id, account.id));
    await between(opts, "account");
    await tx
      .update(annulments)
      .set({
        status: decision.approve ? "approved" : "rejected",
        decidedBy: staff.id,
        decidedAt: now,
        reason: decision.approve ? null : decision.reason.trim(),
        effectiveAt: decision.approve ? now : null,
        ...(decision.approve ? { number: await takeOfficeNumber(tx, annulment.officeCode, "annulment_notice", now) } : {}),
      })
      .where(eq(annulments.id, annulment.id));
    await between(opts, "annulment");
    await appendJournal(tx, {
      actor: staff,
      officeCode: annulment.officeCode,
      action: decision.approve ? "annulment.approved" : "annulment.rejected",
      subjectInn: account.inn,
      entityType: "annulment",
      entityId: annulment.id,
      before: { accountStatus: step.before, annulmentStatus: "proposed" },
      after: {
        accountStatus: step.after,
        annulmentStatus: decision.approve ? "approved" : "rejected",
        ...(decision.approve ? {} : { reason: decision.reason.trim() }),
      },
    });
  });
}

/** R21 with four eyes: a supervisor of the subject's office, not the proposer, approves. */
export function approveAnnulment(db: Db, actor: Actor, annulmentId: string, now: Date, opts?: RunOptions): Promise<void> {
  return decideProposal(db, actor, annulmentId, now, { approve: true }, opts);
}

/** The proposal was wrong: access is active again, the reason is kept. */
export function rejectAnnulment(db: Db, actor: Actor, annulmentId: string, reason: string, now: Date, opts?: RunOptions): Promise<void> {
  return decideProposal(db, actor, annulmentId, now, { approve: false, reason }, opts);
}

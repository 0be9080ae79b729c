import { and, asc, desc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../../db/client";
import { accessAccounts, annulments, fictitiousEvidence, staffUsers } from "../../db/schema";
import type { Actor } from "../actor";
import { applicationsOfInn } from "../application/queries";
import { subjectFacts } from "../application/checks";
import { WorkflowError } from "../errors";
import { appendJournal } from "../journal";
import { normalizeInn } from "../registry/inn";
import { officeRef, requireOfficeStaff, responsibleOffice } from "../lifecycle/office";
import { allowedAccountSteps } from "../account/steps";
import { requireOfficeSeen } from "../subject/jurisdiction";

/**
 * Fictitious-activity proposals waiting for a supervisor of the office (the deadline board), each
 * with the steps the account machine allows this staff member (four eyes: never the proposer's own).
 */
export async function pendingApprovals(db: Db, actor: Actor, now = new Date(), officeCode?: string) {
  const staff = requireOfficeStaff(actor);
  // Another office's proposals are shown to a regional supervisor (decision 067), never with steps.
  const office = await requireOfficeSeen(db, staff, officeCode);
  const proposer = alias(staffUsers, "proposer");
  const rows = await db
    .select({
      snapshot: accessAccounts.snapshot,
      annulmentId: annulments.id,
      inn: accessAccounts.inn,
      login: accessAccounts.login,
      proposedAt: annulments.proposedAt,
      proposedBy: annulments.proposedBy,
      proposedByName: proposer.fullName,
      evidenceId: annulments.evidenceId,
      evidenceKind: fictitiousEvidence.kind,
      evidenceDocument: fictitiousEvidence.documentNumber,
      evidenceDate: fictitiousEvidence.documentDate,
      evidenceIssuer: fictitiousEvidence.issuer,
    })
    .from(annulments)
    .innerJoin(accessAccounts, eq(accessAccounts.id, annulments.accountId))
    .leftJoin(proposer, eq(proposer.id, annulments.proposedBy))
    .leftJoin(fictitiousEvidence, eq(fictitiousEvidence.id, annulments.evidenceId))
    .where(and(eq(annulments.officeCode, office), eq(annulments.kind, "fictitious_activity"), eq(annulments.status, "proposed")))
    .orderBy(asc(annulments.proposedAt));
  return rows.map(({ snapshot, ...row }) => ({
    ...row,
    steps: office !== staff.officeCode ? [] : allowedAccountSteps(snapshot, { at: now, by: staff.id, role: staff.role, evidenceIds: [] }).filter((s) => s !== "propose"),
  }));
}

/**
 * The subject card: registry entry, access account (the login never changes, so the office can
 * tell a subject who forgot it), applications, evidence, annulments. Viewing it is journaled.
 */
export async function subjectCard(db: Db, actor: Actor, rawInn: string, now: Date) {
  const inn = normalizeInn(rawInn);
  return db.transaction(async (tx) => {
    let office: string | null;
    if (actor.type === "staff" && actor.role === "admin") office = await responsibleOffice(tx, inn, null);
    else {
      const staff = requireOfficeStaff(actor);
      office = await responsibleOffice(tx, inn, staff.officeCode);
      if (office !== staff.officeCode) throw new WorkflowError("forbidden", "office.not_subject_office", { subjectOffice: office });
    }
    const facts = await subjectFacts(tx, inn);
    const [account] = await tx
      .select({
        id: accessAccounts.id,
        login: accessAccounts.login,
        status: accessAccounts.status,
        snapshot: accessAccounts.snapshot,
        createdAt: accessAccounts.createdAt,
        updatedAt: accessAccounts.updatedAt,
        accessEndsAt: accessAccounts.accessEndsAt,
      })
      .from(accessAccounts)
      .where(eq(accessAccounts.inn, inn));
    const annulmentRows = account
      ? await tx.select().from(annulments).where(eq(annulments.accountId, account.id)).orderBy(desc(annulments.proposedAt))
      : [];
    const apps = await applicationsOfInn(tx as unknown as Db, inn);
    await appendJournal(tx, {
      actor,
      officeCode: office,
      action: "subject.viewed",
      subjectInn: inn,
      entityType: "subject",
      entityId: inn,
      after: { viewedAt: now.toISOString() },
    });
    return {
      inn,
      registration: facts.registration,
      /** The office that keeps the subject (R13), by name and address. */
      office: await officeRef(tx, office),
      evidence: facts.evidence,
      grounds: facts.grounds,
      account: account ? { ...account, snapshot: undefined } : null,
      /** What the account machine allows this staff member here (R21's proposal). */
      steps: account && actor.type === "staff" && actor.role !== "admin"
        ? allowedAccountSteps(account.snapshot, { at: now, by: actor.id, role: actor.role, evidenceIds: facts.evidence.filter((e) => !e.lifted).map((e) => e.id) }).filter((s) => s === "propose")
        : [],
      applications: apps,
      annulments: annulmentRows,
    };
  });
}

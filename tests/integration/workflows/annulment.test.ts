import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../../db/client";
import { accessAccounts, annulments, applications, journalEntries } from "../../../db/schema";
import type { StaffActor } from "../../../workflows/actor";
import {
  approveAnnulment,
  enterAnnulment,
  getApplication,
  grantAccess,
  officeQueue,
  pendingApprovals,
  proposeFictitiousAnnulment,
  refuseAccess,
  rejectAnnulment,
  subjectCard,
  sweepDeadlines,
  verifyCredentials,
  WorkflowError,
} from "../../../workflows";
import { createTestDb } from "../../support/db";
import { acceptedApplication, createEvidence, createOffice, createStaff, createTaxpayer, grantedSubject, PASSWORD } from "../../support/factories";

let h: DbHandle;
let insp: StaffActor;
let insp2: StaffActor;
let sup: StaffActor;
let sup2: StaffActor;
let otherSup: StaffActor;
const T0 = new Date("2025-03-07T04:00:00Z");
const min = (n: number) => new Date(T0.getTime() + n * 60_000);

beforeAll(async () => {
  h = await createTestDb();
  await createOffice(h.db, "001");
  await createOffice(h.db, "002");
  insp = await createStaff(h.db, "inspector", "001");
  insp2 = await createStaff(h.db, "inspector", "001");
  sup = await createStaff(h.db, "supervisor", "001");
  sup2 = await createStaff(h.db, "supervisor", "001");
  otherSup = await createStaff(h.db, "supervisor", "002");
});
afterAll(() => h.close());

async function expectError(p: Promise<unknown>, code: string, messageKey?: string) {
  const e = await p.then(() => null, (err) => err);
  expect(e).toBeInstanceOf(WorkflowError);
  expect(e.code).toBe(code);
  if (messageKey) expect(e.messageKey).toBe(messageKey);
}
const ANNUL = { requestKind: "annul", password: undefined, passwordConfirm: undefined } as const;
const journalOf = (id: string) => h.db.select().from(journalEntries).where(and(eq(journalEntries.entityId, id))).orderBy(journalEntries.id);
const account = async (inn: string) => (await h.db.select().from(accessAccounts).where(eq(accessAccounts.inn, inn)))[0];

describe("annulment (R18–R21)", () => {
  it("R18: an annulment application at the office of registration annuls login and password when entered", async () => {
    const inn = await createTaxpayer(h.db, "001");
    const g = await grantedSubject(h.db, insp, inn, T0);
    const a = await acceptedApplication(h.db, insp, inn, min(60), { requestKind: "annul", password: undefined, passwordConfirm: undefined });
    await enterAnnulment(h.db, insp2, a.id, min(90));
    expect(await account(inn)).toMatchObject({ status: "annulled", passwordHash: null, login: g.login });
    expect(await verifyCredentials(h.db, { login: g.login, password: PASSWORD }, min(91))).toEqual({ valid: false, active: false });
    const [row] = await h.db.select().from(annulments).where(eq(annulments.applicationId, a.id));
    expect(row).toMatchObject({ kind: "on_request", status: "entered", decidedBy: insp2.id });
    expect((await getApplication(h.db, a.id))!.status).toBe("entered");
  });

  it("R18: an annulment application of a subject who never had access is not accepted: nothing to annul, it is returned", async () => {
    const inn = await createTaxpayer(h.db, "001");
    await expect(acceptedApplication(h.db, insp, inn, T0, ANNUL)).rejects.toMatchObject({ code: "conflict", messageKey: "annulment.no_account" });
  });

  it("R18–R20: the second annulment application of an annulled account closes as already annulled, changes nothing, is never overdue", async () => {
    const inn = await createTaxpayer(h.db, "001");
    await grantedSubject(h.db, insp, inn, T0);
    const first = await acceptedApplication(h.db, insp, inn, min(60), ANNUL);
    const second = await acceptedApplication(h.db, insp, inn, min(70), ANNUL);
    await enterAnnulment(h.db, insp, first.id, min(90));
    const annulled = await account(inn);
    expect(await enterAnnulment(h.db, insp2, second.id, min(100))).toEqual({ status: "already_annulled", annulmentId: null });
    const app = await getApplication(h.db, second.id);
    expect(app).toMatchObject({
      status: "already_annulled",
      closedBy: insp2.id,
      incomingNumber: second.incomingNumber,
      alreadyAnnulled: { at: min(90).toISOString(), for: "on_request", noticeNumber: expect.stringMatching(/^001-AN-2025-\d{6}$/) },
    });
    const noticeNumber = app!.alreadyAnnulled!.noticeNumber;
    // Its notice has a number of its own, made with the act, not the first application's.
    const [firstAnnulment] = await h.db.select().from(annulments).where(eq(annulments.applicationId, first.id));
    expect(noticeNumber).not.toBe(firstAnnulment.number);
    expect(await account(inn)).toEqual(annulled);
    expect(await h.db.select().from(annulments).where(eq(annulments.applicationId, second.id))).toHaveLength(0);
    const entries = await journalOf(second.id);
    expect(entries.at(-1)).toMatchObject({
      action: "application.already_annulled",
      actorId: insp2.id,
      before: { status: "accepted" },
      after: { status: "already_annulled", annulledAt: min(90).toISOString(), annulledFor: "on_request", noticeNumber },
    });
    // Past its entry deadline it is on no board and the sweeper leaves it alone.
    const late = new Date(app!.entryDueAt!.getTime() + 3_600_000);
    expect((await officeQueue(h.db, "001", late)).annulmentEntries.map((e) => e.id)).not.toContain(second.id);
    await sweepDeadlines(h.db, late);
    expect((await journalOf(second.id)).map((e) => e.action)).not.toContain("annulment_entry.overdue");
    // Closed is closed: entering it again is refused.
    await expectError(enterAnnulment(h.db, insp, second.id, min(110)), "conflict");
  });

  it("R18–R20: an annulment application for access annulled earlier (fictitious activity) is accepted and closes as already annulled", async () => {
    const inn = await createTaxpayer(h.db, "001");
    await grantedSubject(h.db, insp, inn, T0);
    const evidenceId = await createEvidence(h.db, insp, inn);
    const { annulmentId } = await proposeFictitiousAnnulment(h.db, insp, inn, evidenceId, min(30));
    // While a supervisor has not decided, the access is suspended: the entry waits for the decision.
    const a = await acceptedApplication(h.db, insp, inn, min(40), ANNUL);
    await expectError(enterAnnulment(h.db, insp, a.id, min(45)), "conflict", "annulment.access_suspended");
    expect((await getApplication(h.db, a.id))!.status).toBe("accepted");
    await approveAnnulment(h.db, sup, annulmentId, min(50));
    expect(await enterAnnulment(h.db, insp, a.id, min(55))).toEqual({ status: "already_annulled", annulmentId: null });
    expect((await getApplication(h.db, a.id))!.alreadyAnnulled).toMatchObject({ at: min(50).toISOString(), for: "fictitious_activity" });
    // Accepted after the annulment, the next one closes the same way.
    const b = await acceptedApplication(h.db, insp, inn, min(60), ANNUL);
    await enterAnnulment(h.db, insp, b.id, min(65));
    expect((await getApplication(h.db, b.id))!.status).toBe("already_annulled");
  });

  it("R19: the annulment application gets the acceptance mark (incoming number) and cannot be granted", async () => {
    const inn = await createTaxpayer(h.db, "001");
    await grantedSubject(h.db, insp, inn, T0);
    const a = await acceptedApplication(h.db, insp, inn, min(60), { requestKind: "annul", password: undefined, passwordConfirm: undefined });
    expect(a.incomingNumber).toMatch(/^001-IN-2025-\d{6}$/);
    await expectError(grantAccess(h.db, insp, a.id, min(70)), "conflict");
    await expectError(refuseAccess(h.db, insp, a.id, [{ ground: "no_registration" }], min(70)), "conflict");
  });

  it("R20: entry is due within two calendar days of receipt (office time) and appears on the office board", async () => {
    const inn = await createTaxpayer(h.db, "001");
    await grantedSubject(h.db, insp, inn, T0);
    const friday2350 = new Date("2025-03-07T17:50:00Z"); // 23:50 in Bishkek; the acceptance is 2 min after
    const a = await acceptedApplication(h.db, insp, inn, new Date(friday2350.getTime() - 120_000), { requestKind: "annul", password: undefined, passwordConfirm: undefined });
    const app = await getApplication(h.db, a.id);
    expect(app!.entryDueAt!.toISOString()).toBe("2025-03-09T18:00:00.000Z"); // Monday 00:00 Bishkek
    const onBoard = async (at: Date) => (await officeQueue(h.db, "001", at)).annulmentEntries.find((e) => e.id === a.id)?.deadline;
    expect(await onBoard(new Date("2025-03-08T12:00:00Z"))).toBe("ok");
    expect(await onBoard(new Date("2025-03-09T17:59:59Z"))).toBe("warning");
    expect(await onBoard(new Date("2025-03-09T18:00:00Z"))).toBe("overdue");
    // The page gets the instant the warning starts, not a rule to compute it.
    const [entry] = (await officeQueue(h.db, "001", new Date("2025-03-08T12:00:00Z"))).annulmentEntries.filter((e) => e.id === a.id);
    expect(entry.entryWarnAt).toEqual(new Date("2025-03-08T18:00:00Z"));
    expect(await onBoard(new Date("2025-03-08T17:59:59Z"))).toBe("ok");
    expect(await onBoard(new Date("2025-03-08T18:00:00Z"))).toBe("warning");
    await enterAnnulment(h.db, insp, a.id, new Date("2025-03-09T19:00:00Z"));
    expect(await onBoard(new Date("2025-03-09T19:00:00Z"))).toBeUndefined();
  });

  it("R21: a fictitious-activity proposal suspends access at once; the credential check answers inactive before approval", async () => {
    const inn = await createTaxpayer(h.db, "001");
    const g = await grantedSubject(h.db, insp, inn, T0);
    const evidenceId = await createEvidence(h.db, insp, inn);
    const { annulmentId } = await proposeFictitiousAnnulment(h.db, insp, inn, evidenceId, min(30));
    expect(await verifyCredentials(h.db, { login: g.login, password: PASSWORD }, min(30))).toEqual({ valid: true, active: false });
    expect((await pendingApprovals(h.db, insp)).map((p) => [p.annulmentId, p.evidenceId, p.proposedBy])).toContainEqual([annulmentId, evidenceId, insp.id]);
    // The proposer cannot approve, an inspector cannot approve, another office cannot approve.
    await expectError(approveAnnulment(h.db, insp, annulmentId, min(31)), "forbidden", "annulment.supervisor_only");
    await expectError(approveAnnulment(h.db, insp2, annulmentId, min(31)), "forbidden", "annulment.supervisor_only");
    await expectError(approveAnnulment(h.db, otherSup, annulmentId, min(31)), "forbidden", "office.not_subject_office");
    expect((await account(inn)).status).toBe("suspended");
    await approveAnnulment(h.db, sup, annulmentId, min(32));
    expect(await account(inn)).toMatchObject({ status: "annulled", passwordHash: null });
    expect(await verifyCredentials(h.db, { login: g.login, password: PASSWORD }, min(33))).toEqual({ valid: false, active: false });
    await expectError(rejectAnnulment(h.db, sup2, annulmentId, "late", min(34)), "conflict", "annulment.already_decided");
  });

  it("R21: four eyes — a supervisor who proposed cannot approve; another supervisor rejects and access is active again", async () => {
    const inn = await createTaxpayer(h.db, "001");
    const g = await grantedSubject(h.db, insp, inn, T0);
    const evidenceId = await createEvidence(h.db, sup, inn);
    const { annulmentId } = await proposeFictitiousAnnulment(h.db, sup, inn, evidenceId, min(30));
    await expectError(approveAnnulment(h.db, sup, annulmentId, min(31)), "forbidden", "annulment.four_eyes");
    await expectError(rejectAnnulment(h.db, sup2, annulmentId, "  ", min(31)), "validation", "annulment.reason_required");
    await rejectAnnulment(h.db, sup2, annulmentId, "Документ относится к другому ИНН", min(32));
    expect(await verifyCredentials(h.db, { login: g.login, password: PASSWORD }, min(33))).toEqual({ valid: true, active: true });
    const [row] = await h.db.select().from(annulments).where(eq(annulments.id, annulmentId));
    expect(row).toMatchObject({ status: "rejected", reason: "Документ относится к другому ИНН", decidedBy: sup2.id });
    expect(await pendingApprovals(h.db, insp)).not.toContainEqual(expect.objectContaining({ annulmentId }));
  });

  it("R21: a proposal needs recorded evidence of that subject, and staff of the subject's office", async () => {
    const inn = await createTaxpayer(h.db, "001");
    await grantedSubject(h.db, insp, inn, T0);
    const otherInn = await createTaxpayer(h.db, "001");
    const foreignEvidence = await createEvidence(h.db, insp, otherInn);
    await expectError(proposeFictitiousAnnulment(h.db, insp, inn, foreignEvidence, min(30)), "validation", "annulment.evidence_not_found");
    const evidenceId = await createEvidence(h.db, insp, inn);
    await expectError(proposeFictitiousAnnulment(h.db, otherSup, inn, evidenceId, min(30)), "forbidden");
    expect((await account(inn)).status).toBe("active");
  });

  it("R9/R21: while evidence exists a new application is refused; after annulment on request the same login comes back", async () => {
    const inn = await createTaxpayer(h.db, "001");
    const g = await grantedSubject(h.db, insp, inn, T0);
    const a = await acceptedApplication(h.db, insp, inn, min(60), { requestKind: "annul", password: undefined, passwordConfirm: undefined });
    await enterAnnulment(h.db, insp, a.id, min(70));
    // The annulled subject applies again: granted with the same login and the new password.
    const again = await acceptedApplication(h.db, insp, inn, min(200), { password: "Second#Pass2", passwordConfirm: "Second#Pass2" });
    const g2 = await grantAccess(h.db, insp, again.id, min(205));
    expect(g2.login).toBe(g.login);
    expect(await verifyCredentials(h.db, { login: g.login, password: "Second#Pass2" }, min(206))).toEqual({ valid: true, active: true });
    // Evidence recorded later blocks the next grant (ground b).
    await createEvidence(h.db, insp, inn);
    const third = await acceptedApplication(h.db, insp, inn, min(300), { requestKind: "restore" });
    await expectError(grantAccess(h.db, insp, third.id, min(305)), "conflict", "grant.grounds_exist");
    const card = await subjectCard(h.db, sup, inn, min(310));
    expect(card.account).toMatchObject({ login: g.login, status: "active" });
    expect(card.grounds).toHaveLength(1);
    expect(card.applications).toHaveLength(4);
    const [{ hash }] = await h.db.select({ hash: applications.passwordHash }).from(applications).where(eq(applications.id, a.id));
    expect(hash).toBeNull();
  });
});

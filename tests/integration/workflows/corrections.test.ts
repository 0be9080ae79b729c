import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../../db/client";
import { accessAccounts, corrections, decisions, journalEntries, taxpayers } from "../../../db/schema";
import type { StaffActor } from "../../../workflows/actor";
import { paperStanding } from "../../../workflows/acts/standing";
import { publicStatus } from "../../../workflows/subject/status";
import {
  approveCorrection,
  getApplication,
  grantAccess,
  pendingCorrections,
  proposeCorrection,
  refuseAccess,
  rejectCorrection,
  runChecks,
  verifyCredentials,
  WorkflowError,
} from "../../../workflows";
import { renderDocument } from "../../../templates";
import { renderProps, verifyDocument } from "../../../workflows/documents";
import { printDocument } from "../../../workflows/printing";
import { hasPoppler, pageText, writePdf } from "../../unit/templates/pdf-tools";
import { createTestDb } from "../../support/db";
import { acceptedApplication, createEvidence, createOffice, createStaff, createTaxpayer, grantedSubject, PASSWORD } from "../../support/factories";

let h: DbHandle;
let insp: StaffActor;
let sup: StaffActor;
let sup2: StaffActor;
let otherSup: StaffActor;
const T0 = new Date("2026-03-02T04:00:00Z");
const min = (n: number) => new Date(T0.getTime() + n * 60_000);
const DOC = { number: "2-145/2026", date: "2026-02-20", issuer: "Первомайский районный суд г. Бишкек" };

beforeAll(async () => {
  h = await createTestDb();
  await createOffice(h.db, "001");
  await createOffice(h.db, "002");
  insp = await createStaff(h.db, "inspector", "001");
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
const correction = async (id: string) => (await h.db.select().from(corrections).where(eq(corrections.id, id)))[0];
const account = async (inn: string) => (await h.db.select().from(accessAccounts).where(eq(accessAccounts.inn, inn)))[0];

describe("revoking a mistaken decision (decision 063)", () => {
  it("a supervisor proposes, the proposer, an inspector and another office are refused, another supervisor approves: the access is annulled and the act numbered", async () => {
    const inn = await createTaxpayer(h.db, "001");
    const g = await grantedSubject(h.db, insp, inn, T0);
    await expectError(proposeCorrection(h.db, insp, "revoke_decision", g.decisionId, { reason: "wrong subject", document: null }, min(10)), "forbidden", "correction.supervisor_only");
    await expectError(proposeCorrection(h.db, otherSup, "revoke_decision", g.decisionId, { reason: "wrong subject", document: null }, min(10)), "forbidden", "office.not_subject_office");
    await expectError(proposeCorrection(h.db, sup, "revoke_decision", g.decisionId, { reason: " ", document: null }, min(10)), "validation", "correction.reason_required");
    const { correctionId } = await proposeCorrection(h.db, sup, "revoke_decision", g.decisionId, { reason: "Registry error: the decision names another subject", document: null }, min(10));
    await expectError(proposeCorrection(h.db, sup2, "revoke_decision", g.decisionId, { reason: "again", document: null }, min(11)), "conflict", "correction.already_proposed");
    // A proposal changes nothing yet.
    expect(await verifyCredentials(h.db, { login: g.login, password: PASSWORD }, min(11))).toMatchObject({ active: true });
    expect((await pendingCorrections(h.db, sup2, min(12))).find((p) => p.id === correctionId)?.steps).toEqual(["approve", "reject"]);
    expect((await pendingCorrections(h.db, sup, min(12))).find((p) => p.id === correctionId)?.steps).toEqual([]);
    await expectError(approveCorrection(h.db, sup, correctionId, min(12)), "forbidden", "correction.four_eyes");
    await expectError(approveCorrection(h.db, insp, correctionId, min(12)), "forbidden", "correction.supervisor_only");
    await expectError(approveCorrection(h.db, otherSup, correctionId, min(12)), "forbidden", "office.not_subject_office");
    await expectError(approveCorrection(h.db, sup2, "not-a-uuid", min(12)), "not_found", "correction.not_found");
    const r = await approveCorrection(h.db, sup2, correctionId, min(13));
    expect(r).toMatchObject({ status: "approved", accountEffect: "annulled" });
    expect(r.number).toMatch(/^001-RV-2026-\d{6}$/);
    expect(await verifyCredentials(h.db, { login: g.login, password: PASSWORD }, min(14))).toEqual({ valid: false, active: false });
    expect(await account(inn)).toMatchObject({ status: "annulled", passwordHash: null });
    await expectError(approveCorrection(h.db, sup2, correctionId, min(14)), "conflict", "correction.already_decided");
    await expectError(proposeCorrection(h.db, sup, "revoke_decision", g.decisionId, { reason: "again", document: null }, min(15)), "conflict", "correction.already_approved");
    // Standing: the revoked decision stands no more, by the revocation's number, on /status and on its paper.
    const app = await getApplication(h.db, g.id);
    const status = await publicStatus(h.db, inn, app!.code, min(16));
    expect(status?.decision?.standing).toEqual({ inForce: false, since: min(13).toISOString(), by: { kind: "revocation", number: r.number } });
    const [d] = await h.db.select().from(decisions).where(eq(decisions.id, g.decisionId));
    expect(await paperStanding(h.db, { kind: "decision_grant", number: d.number, subjectInn: inn, payload: {} }, min(16))).toMatchObject({ inForce: false, by: { kind: "revocation", number: r.number } });
    // Journaled: proposed, revoked, and the account annulled.
    const actions = (await h.db.select().from(journalEntries).where(eq(journalEntries.subjectInn, inn))).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["decision.revocation_proposed", "decision.revoked", "account.annulled"]));
  });

  it("a restoration revoked as mistaken ends the access, and with it the standing of the first grant it restored", async () => {
    const inn = await createTaxpayer(h.db, "001");
    const first = await grantedSubject(h.db, insp, inn, T0);
    const restore = await acceptedApplication(h.db, insp, inn, min(30), { requestKind: "restore" });
    const second = await grantAccess(h.db, insp, restore.id, min(35));
    const { correctionId } = await proposeCorrection(h.db, sup, "revoke_decision", second.decisionId, { reason: "restored for the wrong person", document: null }, min(40));
    const r = await approveCorrection(h.db, sup2, correctionId, min(41));
    expect(r.accountEffect).toBe("annulled");
    const firstApp = await getApplication(h.db, first.id);
    expect((await publicStatus(h.db, inn, firstApp!.code, min(42)))?.decision?.standing).toEqual({ inForce: false, since: min(41).toISOString(), by: { kind: "revocation", number: r.number } });
    // Revoking the first grant now leaves the access as it is: annulled already.
    const again = await proposeCorrection(h.db, sup, "revoke_decision", first.decisionId, { reason: "also wrong", document: null }, min(43));
    await expect(approveCorrection(h.db, sup2, again.correctionId, min(44))).resolves.toMatchObject({ accountEffect: "already_annulled" });
  });

  it.skipIf(!process.env.DATABASE_URL)("the credential check answers inactive in the same transaction as the approval: not before it commits, at once after, and never if it rolls back", async () => {
    const inn = await createTaxpayer(h.db, "001");
    const g = await grantedSubject(h.db, insp, inn, T0);
    const { correctionId } = await proposeCorrection(h.db, sup, "revoke_decision", g.decisionId, { reason: "wrong subject", document: null }, min(10));
    // A failure after the account was written rolls everything back: still active, still proposed, no number taken.
    await expectError(
      approveCorrection(h.db, sup2, correctionId, min(11), { between: () => { throw new WorkflowError("conflict", "test.fault"); } }),
      "conflict",
      "test.fault",
    );
    expect(await verifyCredentials(h.db, { login: g.login, password: PASSWORD }, min(11))).toMatchObject({ active: true });
    expect(await correction(correctionId)).toMatchObject({ status: "proposed", number: null });
    // Seen from another connection while the approval's transaction is open: still active.
    let during: unknown = null;
    await approveCorrection(h.db, sup2, correctionId, min(12), {
      between: async () => {
        during = await verifyCredentials(h.db, { login: g.login, password: PASSWORD }, min(12));
      },
    });
    expect(during).toMatchObject({ active: true });
    expect(await verifyCredentials(h.db, { login: g.login, password: PASSWORD }, min(12))).toEqual({ valid: false, active: false });
  });

  it("a rejection keeps the reason and changes nothing; a revoked refusal stands no more and a new application is granted", async () => {
    const inn = await createTaxpayer(h.db, "001", { status: "deregistered" });
    const a = await acceptedApplication(h.db, insp, inn, T0);
    const { decisionId } = await refuseAccess(h.db, insp, a.id, [{ ground: "no_registration" }], min(5));
    const first = await proposeCorrection(h.db, sup, "revoke_decision", decisionId, { reason: "registry error", document: null }, min(10));
    await expectError(rejectCorrection(h.db, sup2, first.correctionId, " ", min(11)), "validation", "correction.reason_required");
    await rejectCorrection(h.db, sup2, first.correctionId, "the registry was right", min(11));
    expect(await correction(first.correctionId)).toMatchObject({ status: "rejected", rejectionReason: "the registry was right", number: null });
    const second = await proposeCorrection(h.db, sup2, "revoke_decision", decisionId, { reason: "registry corrected: registered since 2019", document: null }, min(12));
    const r = await approveCorrection(h.db, sup, second.correctionId, min(13));
    expect(r).toMatchObject({ status: "approved", accountEffect: null });
    const app = await getApplication(h.db, a.id);
    expect((await publicStatus(h.db, inn, app!.code, min(14)))?.decision?.standing).toMatchObject({ inForce: false, by: { kind: "revocation", number: r.number } });
    await h.db.update(taxpayers).set({ registrationStatus: "registered" }).where(eq(taxpayers.inn, inn));
    const again = await acceptedApplication(h.db, insp, inn, min(20));
    await expect(grantAccess(h.db, insp, again.id, min(25))).resolves.toMatchObject({ login: expect.any(String) });
  });
});

describe.skipIf(!hasPoppler)("the revocation act (decision 063)", () => {
  it("is printed with the approval's number, by the office only, and /verify of the revoked decision says revoked by that number", async () => {
    const inn = await createTaxpayer(h.db, "001");
    const g = await grantedSubject(h.db, insp, inn, T0);
    const grantPaper = await printDocument(h.db, insp, { source: "decision", id: g.decisionId }, min(4));
    const { correctionId } = await proposeCorrection(h.db, sup, "revoke_decision", g.decisionId, { reason: "Решение принято по заявлению другого субъекта", document: null }, min(10));
    await expectError(printDocument(h.db, insp, { source: "revocation", id: correctionId }, min(11)), "conflict", "correction.not_approved");
    const { number } = await approveCorrection(h.db, sup2, correctionId, min(12));
    await expectError(printDocument(h.db, otherSup, { source: "revocation", id: correctionId }, min(13)), "forbidden", "documents.other_office");
    const doc = await printDocument(h.db, insp, { source: "revocation", id: correctionId }, min(13));
    expect(doc).toMatchObject({ kind: "revocation_act", number });
    const pdf = await renderDocument("revocation_act", renderProps(doc, { baseUrl: "https://cabinet.example.kg", languages: ["ky", "ru"] }) as never);
    const text = pageText(writePdf(pdf, "revocation"), 1);
    for (const words of [number!, "РЕШЕНИЕ", "об отмене решения", "чечимди жокко чыгаруу жөнүндө", "Решение принято по заявлению другого субъекта", g.login, "аннулирован"]) expect(text).toContain(words);
    const verified = await verifyDocument(h.db, grantPaper.id, grantPaper.contentHash.slice(0, 16), min(14));
    expect(verified.standing).toMatchObject({ inForce: false, by: { kind: "revocation", number } });
  });
});

describe("lifting evidence of fictitious activity (decision 063)", () => {
  it("lifted evidence stays in the record, no longer blocks a grant, and the refusal made on it is not changed", async () => {
    const inn = await createTaxpayer(h.db, "001");
    const evidenceId = await createEvidence(h.db, insp, inn);
    const a = await acceptedApplication(h.db, insp, inn, T0);
    await expectError(grantAccess(h.db, insp, a.id, min(5)), "conflict", "grant.grounds_exist");
    const refusal = await refuseAccess(h.db, insp, a.id, [{ ground: "fictitious_activity", evidenceId }], min(6));
    await expectError(proposeCorrection(h.db, sup, "lift_evidence", evidenceId, { reason: "acquitted", document: null }, min(10)), "validation", "correction.document_required");
    await expectError(proposeCorrection(h.db, insp, "lift_evidence", evidenceId, { reason: "acquitted", document: DOC }, min(10)), "forbidden", "correction.supervisor_only");
    await expectError(proposeCorrection(h.db, otherSup, "lift_evidence", evidenceId, { reason: "acquitted", document: DOC }, min(10)), "forbidden", "office.not_subject_office");
    const { correctionId } = await proposeCorrection(h.db, sup, "lift_evidence", evidenceId, { reason: "Acquitted by the court", document: DOC }, min(10));
    await expectError(approveCorrection(h.db, sup, correctionId, min(11)), "forbidden", "correction.four_eyes");
    // Still a ground until approved.
    const b = await acceptedApplication(h.db, insp, inn, min(12));
    await expectError(grantAccess(h.db, insp, b.id, min(15)), "conflict", "grant.grounds_exist");
    const r = await approveCorrection(h.db, sup2, correctionId, min(16));
    expect(r.number).toMatch(/^001-LF-2026-\d{6}$/);
    const checks = await runChecks(h.db, insp, b.id);
    expect(checks.grounds).toEqual([]);
    expect(checks.evidence).toEqual([expect.objectContaining({ id: evidenceId, lifted: expect.objectContaining({ number: r.number, documentNumber: DOC.number, documentIssuer: DOC.issuer }) })]);
    await expect(grantAccess(h.db, insp, b.id, min(17))).resolves.toMatchObject({ login: expect.any(String) });
    // The refusal made on it stands as made.
    const [d] = await h.db.select().from(decisions).where(eq(decisions.id, refusal.decisionId));
    expect(d).toMatchObject({ outcome: "refused", grounds: [{ ground: "fictitious_activity", evidenceId }] });
    const journal = await h.db.select().from(journalEntries).where(and(eq(journalEntries.entityType, "evidence"), eq(journalEntries.entityId, evidenceId)));
    expect(journal.map((e) => e.action)).toEqual(expect.arrayContaining(["evidence.lifting_proposed", "evidence.lifted"]));
    // The lifting act: numbered with the approval, printed by the office only.
    await expectError(printDocument(h.db, otherSup, { source: "lifting", id: correctionId }, min(18)), "forbidden", "documents.other_office");
    const act = await printDocument(h.db, insp, { source: "lifting", id: correctionId }, min(18));
    expect(act).toMatchObject({ kind: "lifting_act", number: r.number });
    if (hasPoppler) {
      const pdf = await renderDocument("lifting_act", renderProps(act, { baseUrl: "https://cabinet.example.kg", languages: ["ky", "ru"] }) as never);
      const text = pageText(writePdf(pdf, "lifting"), 1);
      for (const words of [r.number!, "о снятии сведений", DOC.number, "Acquitted by the court"]) expect(text).toContain(words);
    }
  });
});

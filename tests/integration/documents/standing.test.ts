import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../../db/client";
import { annulments, decisions } from "../../../db/schema";
import type { StaffActor } from "../../../workflows/actor";
import { refuseElectronicInteraction } from "../../../workflows/account/refusal";
import { approveAnnulment, enterAnnulment, grantAccess, proposeFictitiousAnnulment, refuseAccess } from "../../../workflows";
import { verifyDocument } from "../../../workflows/documents";
import { printDocument } from "../../../workflows/printing/print";
import { publicStatus } from "../../../workflows/subject";
import { createTestDb } from "../../support/db";
import { acceptedApplication, createEvidence, createOffice, createStaff, createTaxpayer, grantedSubject, PASSWORD } from "../../support/factories";

// /verify, /status and the API say from one place whether an act still has effect (decision 061):
// a genuine grant annulled since is "genuine, no longer in force since …, by №…", never just "granted".
let h: DbHandle;
let insp: StaffActor;
let sup: StaffActor;
const T0 = new Date("2025-03-07T04:00:00Z");
const min = (n: number) => new Date(T0.getTime() + n * 60_000);
const ANNUL = { requestKind: "annul", password: undefined, passwordConfirm: undefined } as const;

beforeAll(async () => {
  h = await createTestDb();
  await createOffice(h.db, "001");
  insp = await createStaff(h.db, "inspector", "001");
  sup = await createStaff(h.db, "supervisor", "001");
});
afterAll(() => h.close());

async function printed(source: "decision" | "annulment", id: string, at: Date) {
  const doc = await printDocument(h.db, insp, { source, id }, at);
  return (now: Date) => verifyDocument(h.db, doc.id, doc.contentHash.slice(0, 16), now);
}

describe("whether an act is still in force", () => {
  it("a grant annulled on request: genuine, no longer in force since the entry, by the annulment's number; a reinstatement ends the annulment", async () => {
    const inn = await createTaxpayer(h.db, "001");
    const g = await grantedSubject(h.db, insp, inn, T0);
    const grantPaper = await printed("decision", g.decisionId, min(4));
    expect(await grantPaper(min(5))).toMatchObject({ genuine: true, outcome: "granted", standing: { inForce: true, endsAt: null } });

    const a = await acceptedApplication(h.db, insp, inn, min(60), ANNUL);
    await enterAnnulment(h.db, insp, a.id, min(90));
    const [annulment] = await h.db.select().from(annulments).where(eq(annulments.applicationId, a.id));
    const after = await grantPaper(min(91));
    expect(after).toMatchObject({
      genuine: true,
      outcome: "granted",
      standing: { inForce: false, since: min(90).toISOString(), by: { kind: "annulment", basis: "on_request", number: annulment.number } },
    });
    // /status of the grant application says the same, from the same function.
    expect((await publicStatus(h.db, inn, g.code, min(91)))!.decision!.standing).toEqual(after.standing);

    const notice = await printed("annulment", annulment.id, min(91));
    expect((await notice(min(92))).standing).toEqual({ inForce: true, endsAt: null });
    // The subject applies again and is granted: the same login comes back (reinstatement).
    const again = await acceptedApplication(h.db, insp, inn, min(200));
    const regrant = await grantAccess(h.db, insp, again.id, min(203));
    const [regrantRow] = await h.db.select().from(decisions).where(eq(decisions.id, regrant.decisionId));
    expect(regrantRow.effect).toBe("reinstatement");
    expect((await notice(min(204))).standing).toEqual({ inForce: false, since: min(203).toISOString(), by: { kind: "grant", number: regrantRow.number } });
    // The first grant stays ended by the annulment; the new one is in force.
    expect((await grantPaper(min(204))).standing).toMatchObject({ inForce: false, by: { number: annulment.number } });
    expect((await publicStatus(h.db, inn, again.code, min(204)))!.decision!.standing).toEqual({ inForce: true, endsAt: null });
  });

  it("a grant annulled for fictitious activity ends at the approval, not at the proposal", async () => {
    const inn = await createTaxpayer(h.db, "001");
    const g = await grantedSubject(h.db, insp, inn, T0);
    const grantPaper = await printed("decision", g.decisionId, min(4));
    const evidenceId = await createEvidence(h.db, insp, inn, min(10));
    const { annulmentId } = await proposeFictitiousAnnulment(h.db, insp, inn, evidenceId, min(20));
    // Suspended while the proposal waits: the grant is not yet undone.
    expect((await grantPaper(min(21))).standing).toEqual({ inForce: true, endsAt: null });
    await approveAnnulment(h.db, sup, annulmentId, min(30));
    const [row] = await h.db.select().from(annulments).where(eq(annulments.id, annulmentId));
    expect((await grantPaper(min(31))).standing).toEqual({
      inForce: false,
      since: min(30).toISOString(),
      by: { kind: "annulment", basis: "fictitious_activity", number: row.number },
    });
  });

  it("an online refusal: in force until the next office day fixed for it, then no longer", async () => {
    const inn = await createTaxpayer(h.db, "001");
    const g = await grantedSubject(h.db, insp, inn, T0);
    const grantPaper = await printed("decision", g.decisionId, min(4));
    const { accessEndsAt } = await refuseElectronicInteraction(h.db, { type: "public" }, { login: g.login, password: PASSWORD }, min(10));
    const ends = new Date(accessEndsAt);
    expect((await grantPaper(min(11))).standing).toEqual({ inForce: true, endsAt: ends.toISOString() });
    const later = await grantPaper(new Date(ends.getTime() + 1000));
    expect(later.standing).toMatchObject({ inForce: false, since: ends.toISOString(), by: { kind: "annulment", basis: "online_refusal" } });
  });

  it("a refusal states no lasting effect to end: it has no standing to report", async () => {
    const inn = await createTaxpayer(h.db, "001");
    const app = await acceptedApplication(h.db, insp, inn, T0);
    const evidenceId = await createEvidence(h.db, insp, inn, min(1));
    const refused = await refuseAccess(h.db, insp, app.id, [{ ground: "fictitious_activity", evidenceId }], min(3));
    const paper = await printed("decision", refused.decisionId, min(4));
    expect(await paper(min(5))).toMatchObject({ genuine: true, outcome: "refused", standing: null });
    expect((await publicStatus(h.db, inn, app.code, min(5)))!.decision!.standing).toEqual({ inForce: true, endsAt: null });
  });
});

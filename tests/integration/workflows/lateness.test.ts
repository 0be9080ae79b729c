import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../../db/client";
import { applications, journalEntries } from "../../../db/schema";
import type { StaffActor } from "../../../workflows/actor";
import { enterAnnulment, grantAccess, refuseAccess, sweepDeadlines } from "../../../workflows";
import { officeStatistics } from "../../../workflows/subject";
import { verifyJournal } from "../../../workflows/journal";
import { createTestDb } from "../../support/db";
import { acceptedApplication, createOffice, createStaff, createTaxpayer, grantedSubject } from "../../support/factories";

/** Lateness is a fact of the act (decision 045): recorded once, by the act or by the sweeper, whichever comes first. */
let h: DbHandle;
let insp: StaffActor;
// acceptedApplication presents at T0 + 1 min: the decision is due at T0 + 21 min.
const T0 = new Date("2025-03-07T04:00:00Z");
const at = (minutes: number, seconds = 0) => new Date(T0.getTime() + minutes * 60_000 + seconds * 1000);

beforeAll(async () => {
  h = await createTestDb();
  await createOffice(h.db, "001");
  insp = await createStaff(h.db, "inspector", "001");
});
afterAll(() => h.close());

const overdueEntries = (id: string) =>
  h.db.select().from(journalEntries).where(and(eq(journalEntries.entityId, id), eq(journalEntries.action, "decision.overdue")));
const recordedAt = async (id: string) => (await h.db.select({ v: applications.overdueRecordedAt }).from(applications).where(eq(applications.id, id)))[0].v;

describe("a late decision records its own lateness (R14)", () => {
  it("a grant 20 min 01 s after presentation, with no sweep between, is journaled late once", async () => {
    const { id } = await acceptedApplication(h.db, insp, await createTaxpayer(h.db, "001"), T0);
    await grantAccess(h.db, insp, id, at(21, 1));
    const entries = await overdueEntries(id);
    expect(entries).toHaveLength(1);
    expect(entries[0].after).toMatchObject({ dueAt: at(21).toISOString() });
    expect(await recordedAt(id)).toEqual(at(21, 1));
    // A sweep afterwards adds nothing.
    await sweepDeadlines(h.db, at(40));
    expect(await overdueEntries(id)).toHaveLength(1);
  });

  it("with a sweep between, the sweeper's entry is the only one", async () => {
    const { id } = await acceptedApplication(h.db, insp, await createTaxpayer(h.db, "001"), T0);
    expect((await sweepDeadlines(h.db, at(21, 0))).decisionOverdue).toBeGreaterThanOrEqual(1);
    await grantAccess(h.db, insp, id, at(21, 1));
    expect(await overdueEntries(id)).toHaveLength(1);
    expect(await recordedAt(id)).toEqual(at(21, 0));
  });

  it("a grant at 19:59 is on time: nothing recorded, by the act or a later sweep", async () => {
    const { id } = await acceptedApplication(h.db, insp, await createTaxpayer(h.db, "001"), T0);
    await grantAccess(h.db, insp, id, at(20, 59));
    await sweepDeadlines(h.db, at(60));
    expect(await overdueEntries(id)).toHaveLength(0);
    expect(await recordedAt(id)).toBeNull();
  });

  it("a late refusal is journaled late too, and the statistics count exactly the recorded ones", async () => {
    const office = "002";
    await createOffice(h.db, office);
    const inspector = await createStaff(h.db, "inspector", office);
    const late = await acceptedApplication(h.db, inspector, await createTaxpayer(h.db, office, { status: "deregistered" }), T0);
    await refuseAccess(h.db, inspector, late.id, [{ ground: "no_registration" }], at(25));
    expect(await overdueEntries(late.id)).toHaveLength(1);
    const onTime = await acceptedApplication(h.db, inspector, await createTaxpayer(h.db, office), T0);
    await grantAccess(h.db, inspector, onTime.id, at(20, 59));
    // At the due instant itself the decision is late, as the sweeper's rule has it (due <= now).
    const atDue = await acceptedApplication(h.db, inspector, await createTaxpayer(h.db, office), T0);
    await grantAccess(h.db, inspector, atDue.id, at(21));
    expect(await overdueEntries(atDue.id)).toHaveLength(1);
    const stats = await officeStatistics(h.db, office, { from: "2025-03-07", to: "2025-03-07" }, "Asia/Bishkek");
    expect(stats.totals).toMatchObject({ decided: 3, onTime: 1 });
    expect((await verifyJournal(h.db)).ok).toBe(true);
  });
});

describe("a late annulment entry records its own lateness (R20)", () => {
  const ANNUL = { requestKind: "annul" as const, password: undefined, passwordConfirm: undefined };
  const entryEntries = (id: string) =>
    h.db.select().from(journalEntries).where(and(eq(journalEntries.entityId, id), eq(journalEntries.action, "annulment_entry.overdue")));
  // Accepted Friday 23:50 in Bishkek: due Monday 00:00 (Sunday 18:00 UTC).
  const FRIDAY = new Date("2025-03-07T17:48:00Z");
  const DUE = new Date("2025-03-09T18:00:00Z");

  it("entered Monday 00:01 with no sweep between: journaled late once", async () => {
    const inn = await createTaxpayer(h.db, "001");
    await grantedSubject(h.db, insp, inn, T0);
    const a = await acceptedApplication(h.db, insp, inn, FRIDAY, ANNUL);
    await enterAnnulment(h.db, insp, a.id, new Date(DUE.getTime() + 60_000));
    expect(await entryEntries(a.id)).toHaveLength(1);
    expect(await recordedAt(a.id)).toEqual(new Date(DUE.getTime() + 60_000));
    await sweepDeadlines(h.db, new Date(DUE.getTime() + 3_600_000));
    expect(await entryEntries(a.id)).toHaveLength(1);
  });

  it("entered Sunday 23:59: on time", async () => {
    const inn = await createTaxpayer(h.db, "001");
    await grantedSubject(h.db, insp, inn, T0);
    const a = await acceptedApplication(h.db, insp, inn, FRIDAY, ANNUL);
    await enterAnnulment(h.db, insp, a.id, new Date(DUE.getTime() - 60_000));
    expect(await entryEntries(a.id)).toHaveLength(0);
    expect(await recordedAt(a.id)).toBeNull();
  });

  it("a second annulment application closed late as already annulled is journaled late too", async () => {
    const inn = await createTaxpayer(h.db, "001");
    await grantedSubject(h.db, insp, inn, T0);
    const first = await acceptedApplication(h.db, insp, inn, FRIDAY, ANNUL);
    const second = await acceptedApplication(h.db, insp, inn, FRIDAY, ANNUL);
    await enterAnnulment(h.db, insp, first.id, new Date(DUE.getTime() - 60_000));
    expect((await enterAnnulment(h.db, insp, second.id, new Date(DUE.getTime() + 60_000))).status).toBe("already_annulled");
    expect(await entryEntries(second.id)).toHaveLength(1);
    expect((await verifyJournal(h.db)).ok).toBe(true);
  });
});

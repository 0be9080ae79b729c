import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../../db/client";
import { applications, journalEntries } from "../../../db/schema";
import type { StaffActor } from "../../../workflows/actor";
import { configureLifecycle, getApplication, lifecycleConfig, presentApplication, returnApplication, submitApplication, sweepDeadlines } from "../../../workflows";
import { createTestDb } from "../../support/db";
import { acceptedApplication, createOffice, createStaff, createTaxpayer, grantedSubject, validForm } from "../../support/factories";

let h: DbHandle;
let insp: StaffActor;
const T0 = new Date("2025-03-07T04:00:00Z");
const min = (n: number) => new Date(T0.getTime() + n * 60_000);
const day = 86_400_000;

beforeAll(async () => {
  h = await createTestDb();
  await createOffice(h.db, "001");
  insp = await createStaff(h.db, "inspector", "001");
});
afterAll(() => h.close());

const entries = (id: string, action: string) =>
  h.db.select().from(journalEntries).where(and(eq(journalEntries.entityId, id), eq(journalEntries.action, action)));

describe("deadline sweeper (R14, R20; several app processes)", () => {
  it("R14: a decision not made in 20 minutes is journaled overdue exactly once, even by two concurrent sweepers", async () => {
    const inn = await createTaxpayer(h.db, "001");
    const { id } = await submitApplication(h.db, validForm(inn), T0);
    await presentApplication(h.db, insp, id, min(1));
    expect((await sweepDeadlines(h.db, min(20.99))).decisionOverdue).toBe(0);
    const [a, b] = await Promise.all([sweepDeadlines(h.db, min(21)), sweepDeadlines(h.db, min(21))]);
    expect(a.decisionOverdue + b.decisionOverdue).toBe(1);
    await sweepDeadlines(h.db, min(40));
    expect(await entries(id, "decision.overdue")).toHaveLength(1);
    // Returned and presented again: a new clock, and a new overdue record for it.
    await returnApplication(h.db, insp, id, ["Нет доверенности"], min(41));
    await presentApplication(h.db, insp, id, min(60));
    await Promise.all([sweepDeadlines(h.db, min(81)), sweepDeadlines(h.db, min(81)), sweepDeadlines(h.db, min(82))]);
    expect(await entries(id, "decision.overdue")).toHaveLength(2);
  });

  it("R20: an annulment not entered by Monday 00:00 (received Friday 23:50) is journaled overdue once", async () => {
    const inn = await createTaxpayer(h.db, "001");
    await grantedSubject(h.db, insp, inn, T0);
    const a = await acceptedApplication(h.db, insp, inn, new Date("2025-03-07T17:48:00Z"), { requestKind: "annul", password: undefined, passwordConfirm: undefined });
    await Promise.all([sweepDeadlines(h.db, new Date("2025-03-09T17:59:59Z")), sweepDeadlines(h.db, new Date("2025-03-09T17:59:59Z"))]);
    expect(await entries(a.id, "annulment_entry.overdue")).toHaveLength(0);
    await Promise.all([sweepDeadlines(h.db, new Date("2025-03-09T18:00:00Z")), sweepDeadlines(h.db, new Date("2025-03-09T18:00:00Z"))]);
    const rows = await entries(a.id, "annulment_entry.overdue");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ subjectInn: inn, officeCode: "001", actorRole: "system" });
  });

  it("drafts expire after the configured period and their password hash is wiped; so do returned ones left behind", async () => {
    const ttl = lifecycleConfig.draftTtlDays;
    configureLifecycle({ draftTtlDays: 2 });
    try {
      const draft = await submitApplication(h.db, validForm(await createTaxpayer(h.db, "001")), T0);
      const inn = await createTaxpayer(h.db, "001");
      const returned = await submitApplication(h.db, validForm(inn), T0);
      await presentApplication(h.db, insp, returned.id, min(1));
      await returnApplication(h.db, insp, returned.id, ["Нет паспорта"], new Date(T0.getTime() + day)); // expires 2 days after the return
      await sweepDeadlines(h.db, new Date(T0.getTime() + 2 * day - 1));
      expect((await getApplication(h.db, draft.id))!.status).toBe("draft");
      await Promise.all([sweepDeadlines(h.db, new Date(T0.getTime() + 2 * day)), sweepDeadlines(h.db, new Date(T0.getTime() + 2 * day))]);
      expect(await getApplication(h.db, draft.id)).toMatchObject({ status: "expired", holdsPassword: false });
      expect((await getApplication(h.db, returned.id))!.status).toBe("returned");
      await sweepDeadlines(h.db, new Date(T0.getTime() + 3 * day));
      expect(await getApplication(h.db, returned.id)).toMatchObject({ status: "expired", holdsPassword: false });
      const [{ hash }] = await h.db.select({ hash: applications.passwordHash }).from(applications).where(eq(applications.id, returned.id));
      expect(hash).toBeNull();
      expect(await entries(draft.id, "application.expired")).toHaveLength(1);
      // An expired application cannot be presented any more.
      await expect(presentApplication(h.db, insp, returned.id, new Date(T0.getTime() + 3 * day))).rejects.toMatchObject({ code: "conflict" });
    } finally {
      configureLifecycle({ draftTtlDays: ttl });
    }
  });
});

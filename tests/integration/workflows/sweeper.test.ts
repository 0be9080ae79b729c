import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sweepOnce } from "../../../app/utils/jobs.server";
import { renderMetrics } from "../../../app/utils/metrics.server";
import type { DbHandle } from "../../../db/client";
import { accessAccounts, applications, journalEntries } from "../../../db/schema";
import { endRefusedAccess, refuseElectronicInteraction } from "../../../workflows/account/refusal";
import type { StaffActor } from "../../../workflows/actor";
import { configureLifecycle, getApplication, lifecycleConfig, presentApplication, returnApplication, submitApplication, sweepDeadlines } from "../../../workflows";
import { createTestDb } from "../../support/db";
import { acceptedApplication, createOffice, createStaff, createTaxpayer, grantedSubject, PASSWORD, validForm } from "../../support/factories";

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

describe("one inconsistent row does not stop the sweeper", () => {
  it("a row that fails is skipped and reported with its id; every other draft expires and every other overdue is journaled", async () => {
    const ttl = lifecycleConfig.draftTtlDays;
    configureLifecycle({ draftTtlDays: 2 });
    try {
      await createOffice(h.db, "0S1");
      await createOffice(h.db, "0S2");
      await createOffice(h.db, "0S3");
      const desk = { "0S1": await createStaff(h.db, "inspector", "0S1"), "0S2": await createStaff(h.db, "inspector", "0S2"), "0S3": await createStaff(h.db, "inspector", "0S3") };
      type Office = keyof typeof desk;
      const T1 = new Date("2025-06-02T04:00:00Z");
      const at = (minutes: number) => new Date(T1.getTime() + minutes * 60_000);
      const draft = async (office: Office, minutes: number) => (await submitApplication(h.db, validForm(await createTaxpayer(h.db, office)), at(minutes))).id;
      const presented = async (office: Office, minutes: number) => {
        const id = await draft(office, minutes);
        await presentApplication(h.db, desk[office], id, at(minutes + 1));
        return id;
      };
      // The bad drafts expire first, so they sit at the head of every batch.
      const wrongState = await draft("0S1", 0);
      const corrupt = await draft("0S2", 1);
      const drafts = [await draft("0S1", 2), await draft("0S2", 3), await draft("0S3", 4), await draft("0S1", 5), await draft("0S3", 6)];
      const lateOk = [await presented("0S1", 10), await presented("0S3", 11), await presented("0S1", 12)];
      const lateBroken = await presented("0S2", 9);
      const lateAfter = await presented("0S3", 13);
      // The snapshot says granted while the columns say draft; another snapshot is not a snapshot at all.
      await h.db.execute(sql`update applications set snapshot = jsonb_set(snapshot, '{value}', '"granted"') where id = ${wrongState}`);
      await h.db.execute(sql`update applications set snapshot = '"corrupt"'::jsonb where id = ${corrupt}`);
      // Office 0S2's journal head is rewound: its next entry collides with one already written, an
      // SQL error that aborts whatever statement group it runs in.
      await h.db.execute(sql`update journal_chains set seq = 0 where chain = '0S2'`);

      const now = new Date(T1.getTime() + 3 * day);
      const result = await sweepDeadlines(h.db, now, 3);
      const failed = (r: { failed: { id: string; step: string }[] }) => r.failed.map((f) => `${f.step} ${f.id}`).sort();
      const bad = [`expire ${wrongState}`, `expire ${corrupt}`, `decision ${lateBroken}`].sort();
      expect(failed(result)).toEqual(bad);
      for (const id of drafts) expect(await getApplication(h.db, id)).toMatchObject({ status: "expired", holdsPassword: false });
      for (const id of [...lateOk, lateAfter]) expect(await entries(id, "decision.overdue")).toHaveLength(1);
      // The failed rows are left as they were: not expired, no overdue mark without its journal entry.
      const row = async (id: string) => (await h.db.select().from(applications).where(eq(applications.id, id)))[0];
      expect(await row(wrongState)).toMatchObject({ status: "draft", passwordHash: expect.any(String) });
      expect(await row(corrupt)).toMatchObject({ status: "draft", passwordHash: expect.any(String) });
      expect(await row(lateBroken)).toMatchObject({ status: "presented", overdueRecordedAt: null });
      expect(await entries(lateBroken, "decision.overdue")).toHaveLength(0);
      // The app's next pass reports them again (until someone repairs them), counts them in
      // /metrics and finds nothing else to do.
      const counted = () => Object.fromEntries([...renderMetrics({}).matchAll(/^sweep_row_failures_total\{step="(\w+)"[^}]*\} (\d+)$/gm)].map((m) => [m[1], Number(m[2])]));
      const countedBefore = counted();
      const again = await sweepOnce(h.db, now);
      expect(failed(again.deadlines)).toEqual(bad);
      expect(again.deadlines).toMatchObject({ decisionOverdue: 0, entryOverdue: 0, expired: 0 });
      expect(counted()).toEqual({ ...countedBefore, expire: countedBefore.expire + 2, decision: countedBefore.decision + 1 });
    } finally {
      configureLifecycle({ draftTtlDays: ttl });
    }
  });

  it("an account whose refusal cannot be ended is skipped and reported; the other refused accesses end", async () => {
    await createOffice(h.db, "0S5");
    await createOffice(h.db, "0S6");
    const sent = new Date("2025-07-01T06:00:00Z");
    const refused = async (office: string) => {
      const staff = await createStaff(h.db, "inspector", office);
      const { login } = await grantedSubject(h.db, staff, await createTaxpayer(h.db, office), new Date(sent.getTime() - 3_600_000));
      const { accessEndsAt } = await refuseElectronicInteraction(h.db, { type: "public" }, { login, password: PASSWORD }, sent);
      const [row] = await h.db.select({ id: accessAccounts.id }).from(accessAccounts).where(eq(accessAccounts.login, login));
      return { id: row.id, login, accessEndsAt };
    };
    const bad = await refused("0S5");
    const good = [await refused("0S6"), await refused("0S5"), await refused("0S6")];
    // The columns say a refusal is pending, the snapshot has lost it.
    await h.db.execute(sql`update access_accounts set snapshot = snapshot #- '{context,refusal}' where id = ${bad.id}`);
    const result = await endRefusedAccess(h.db, bad.accessEndsAt, 2);
    expect(result.ended).toBe(3);
    expect(result.failed.map((f) => [f.step, f.id])).toEqual([["access_end", bad.id]]);
    const status = async (login: string) => (await h.db.select({ status: accessAccounts.status }).from(accessAccounts).where(eq(accessAccounts.login, login)))[0].status;
    for (const a of good) expect(await status(a.login)).toBe("annulled");
    expect(await status(bad.login)).toBe("active");
  });
});

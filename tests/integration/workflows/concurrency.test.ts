import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../../db/client";
import { accessAccounts, applications, decisions, journalEntries } from "../../../db/schema";
import type { StaffActor } from "../../../workflows/actor";
import { grantAccess, WorkflowError } from "../../../workflows";
import { createTestDb } from "../../support/db";
import { acceptedApplication, createOffice, createStaff, createTaxpayer } from "../../support/factories";

/**
 * Real concurrency needs several connections: PGlite is a single connection that runs one
 * transaction at a time, so these run only on the PostgreSQL server (DATABASE_URL).
 */
describe.skipIf(!process.env.DATABASE_URL)("concurrent grants on the PostgreSQL server (R13: unique logins, one decision)", () => {
  let h: DbHandle;
  let inspectors: StaffActor[];
  const T0 = new Date("2025-03-07T04:00:00Z");

  beforeAll(async () => {
    h = await createTestDb();
    await createOffice(h.db, "001");
    inspectors = await Promise.all(Array.from({ length: 5 }, () => createStaff(h.db, "inspector", "001")));
  });
  afterAll(() => h.close());

  it("R13: 50 concurrent grants of one application make exactly one decision, one login, one journal entry", async () => {
    const inn = await createTaxpayer(h.db, "001");
    const app = await acceptedApplication(h.db, inspectors[0], inn, T0);
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) => grantAccess(h.db, inspectors[i % 5], app.id, new Date(T0.getTime() + 300_000 + i))),
    );
    const ok = results.filter((r) => r.status === "fulfilled");
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(ok).toHaveLength(1);
    expect(failed).toHaveLength(49);
    for (const f of failed) {
      expect(f.reason).toBeInstanceOf(WorkflowError);
      expect(["conflict", "stale"]).toContain((f.reason as WorkflowError).code);
    }
    expect(await h.db.select().from(decisions).where(eq(decisions.applicationId, app.id))).toHaveLength(1);
    expect(await h.db.select().from(accessAccounts).where(eq(accessAccounts.inn, inn))).toHaveLength(1);
    const granted = await h.db.select().from(journalEntries).where(and(eq(journalEntries.entityId, app.id), eq(journalEntries.action, "application.granted")));
    expect(granted).toHaveLength(1);
  });

  it("R13: 50 concurrent grants on 50 applications make 50 distinct logins", async () => {
    const inns = await Promise.all(Array.from({ length: 50 }, () => createTaxpayer(h.db, "001")));
    const apps = [];
    for (const inn of inns) apps.push(await acceptedApplication(h.db, inspectors[0], inn, T0));
    const results = await Promise.all(apps.map((a, i) => grantAccess(h.db, inspectors[i % 5], a.id, new Date(T0.getTime() + 600_000 + i))));
    const logins = new Set(results.map((r) => r.login));
    expect(logins.size).toBe(50);
    const stored = await h.db.select({ login: accessAccounts.login }).from(accessAccounts).where(inArray(accessAccounts.inn, inns));
    expect(new Set(stored.map((s) => s.login))).toEqual(logins);
    const numbers = await h.db.select({ number: decisions.number }).from(decisions).where(inArray(decisions.applicationId, apps.map((a) => a.id)));
    expect(new Set(numbers.map((n) => n.number)).size).toBe(50);
  });

  it("R13/R17: two applications of one INN granted at once make one account; the later grant restores it", async () => {
    const inn = await createTaxpayer(h.db, "001");
    const first = await acceptedApplication(h.db, inspectors[0], inn, T0);
    // Two applications of one INN at a desk at once no longer arise (decision 055), but an
    // installation upgraded with such rows still has them: the first is put aside while the second
    // is presented, as the rows were before the rule.
    await h.db.update(applications).set({ status: "draft" }).where(eq(applications.id, first.id));
    const second = await acceptedApplication(h.db, inspectors[1], inn, T0);
    await h.db.update(applications).set({ status: "accepted" }).where(eq(applications.id, first.id));
    // Both read "no account" before either writes: the one whose insert loses runs again and restores.
    const results = await Promise.all([first, second].map((a, i) => grantAccess(h.db, inspectors[i], a.id, new Date(T0.getTime() + 300_000))));
    expect(results[0].login).toBe(results[1].login);
    const accounts = await h.db.select().from(accessAccounts).where(eq(accessAccounts.inn, inn));
    expect(accounts).toHaveLength(1);
    const actions = (await h.db.select({ action: journalEntries.action }).from(journalEntries).where(eq(journalEntries.subjectInn, inn))).map((r) => r.action);
    expect(actions.filter((a) => a === "application.granted")).toHaveLength(2);
    expect(actions.filter((a) => a === "account.created")).toHaveLength(1);
    expect(actions.filter((a) => a === "account.password_replaced")).toHaveLength(1);
  });
});

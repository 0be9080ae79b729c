import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../../db/client";
import { DEMO_INNS, seedDemoData } from "../../../db/seed";
import { accessAccounts, decisions, journalEntries, staffUsers } from "../../../db/schema";
import { acceptApplication, presentApplication, requiredChecklist, submitApplication, type StaffActor } from "../../../workflows";
import { flashCookie } from "../../../app/utils/cookies.server";
import { releaseAppDatabase, useAppDatabase } from "../../support/app-db";
import { createTestDb } from "../../support/db";
import { call, postForm, staffCookies, type RouteModule } from "../../support/http";

/**
 * Double clicks and two inspectors at once: 1,000 concurrent posts of the same step through the
 * real route action. Exactly one takes effect; every other one gets a clear message (a flash
 * naming what happened), never an error page.
 */
const N = 1000;
let h: DbHandle;
let desk: RouteModule;
const cookies: Record<string, string> = {};

async function actor(username: string): Promise<StaffActor> {
  const [u] = await h.db.select().from(staffUsers).where(eq(staffUsers.username, username));
  return { type: "staff", id: u.id, role: u.role, officeCode: u.officeCode, fullName: u.fullName };
}

async function flashOf(response: Response) {
  const setCookie = response.headers.get("set-cookie") ?? "";
  const pair = setCookie.split(/,(?=\s*\w+=)/).find((c) => c.trim().startsWith("flash="));
  return (pair ? await flashCookie().parse(pair.split(";")[0]) : null) as { kind: string; key: string } | null;
}

async function application(inn: string, subjectType: "individual" | "legal_entity", stage: "draft" | "accepted") {
  const now = new Date();
  const saved = await submitApplication(
    h.db,
    { requestKind: "grant", subjectType, inn, name: "Гонка Тест", headName: subjectType === "legal_entity" ? "Директор" : undefined, phone: "+996 555 123 456", password: "Kyrgyz#2025", passwordConfirm: "Kyrgyz#2025" },
    now,
  );
  if (stage === "accepted") {
    const lenin = await actor("inspector.lenin");
    await presentApplication(h.db, lenin, saved.id, now);
    await acceptApplication(h.db, lenin, saved.id, requiredChecklist({ subjectType }), now);
  }
  return saved.id;
}

async function race(id: string, intent: string) {
  const who = ["inspector.lenin", "supervisor.lenin"];
  const responses = await Promise.all(
    Array.from({ length: N }, (_, i) => call(desk.action!, postForm(`/desk/applications/${id}`, { intent }, cookies[who[i % 2]]), { id })),
  );
  const flashes = await Promise.all(responses.map(flashOf));
  return { statuses: responses.map((r) => r.status), flashes };
}

beforeAll(async () => {
  h = await createTestDb();
  await seedDemoData(h.db);
  useAppDatabase(h);
  for (const u of ["inspector.lenin", "supervisor.lenin"]) cookies[u] = await staffCookies(h, u);
  desk = (await import("../../../app/routes/desk.applications.$id")) as unknown as RouteModule;
}, 120_000);
afterAll(async () => {
  releaseAppDatabase();
  await h.close();
});

describe(`${N} concurrent duplicate submissions`, () => {
  it("grant: one decision, one login, one journal entry; the rest are told someone else was first", async () => {
    const id = await application(DEMO_INNS.registered["002"].individual, "individual", "accepted");
    const { statuses, flashes } = await race(id, "grant");
    expect(statuses.every((s) => s === 302)).toBe(true);
    const success = flashes.filter((f) => f?.kind === "success");
    const told = flashes.filter((f) => f?.kind === "error");
    expect(success).toHaveLength(1);
    expect(told).toHaveLength(N - 1);
    expect(told.every((f) => f!.key.startsWith("desk:errors.") && f!.key !== "desk:errors.unknown")).toBe(true);
    const [{ n: decisionCount }] = await h.db.select({ n: count() }).from(decisions).where(eq(decisions.applicationId, id));
    const [{ n: accountCount }] = await h.db.select({ n: count() }).from(accessAccounts).where(eq(accessAccounts.inn, DEMO_INNS.registered["002"].individual));
    const [{ n: granted }] = await h.db
      .select({ n: count() })
      .from(journalEntries)
      .where(and(eq(journalEntries.entityId, id), eq(journalEntries.action, "application.granted")));
    expect([decisionCount, accountCount, granted]).toEqual([1, 1, 1]);
  }, 300_000);

  it("present: the 20-minute clock starts once", async () => {
    const id = await application(DEMO_INNS.registered["002"].legalEntity, "legal_entity", "draft");
    const { flashes } = await race(id, "present");
    expect(flashes.filter((f) => f?.kind === "success")).toHaveLength(1);
    expect(flashes.filter((f) => f?.kind === "error")).toHaveLength(N - 1);
    const [{ n }] = await h.db
      .select({ n: count() })
      .from(journalEntries)
      .where(and(eq(journalEntries.entityId, id), eq(journalEntries.action, "application.presented")));
    expect(n).toBe(1);
  }, 300_000);
});

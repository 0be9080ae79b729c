import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../../db/client";
import { DEMO_INNS, DEMO_OFFICES, seedDemoData } from "../../../db/seed";
import { staffUsers } from "../../../db/schema";
import { runChecks, submitApplication, type StaffActor } from "../../../workflows";
import { formatEntryDeadline } from "../../../app/utils/dates";
import { translatorFor } from "../../../app/utils/i18n.server";
import { officeText } from "../../../app/utils/offices";
import { releaseAppDatabase, useAppDatabase } from "../../support/app-db";
import { createTestDb } from "../../support/db";
import { acceptedApplication, grantedSubject, validForm } from "../../support/factories";
import { call, csrfCookieHeader, getRequest, postForm, staffCookies, type RouteModule } from "../../support/http";

/**
 * An office is named by its name and address wherever a person has to find it or is told it is
 * another office's business: «003» alone says nothing to an applicant, and little to an inspector.
 */
let h: DbHandle;
let status: RouteModule;
let card: RouteModule;
const cookies: Record<string, string> = {};
const oktyabr = DEMO_OFFICES.find((o) => o.code === "003")!;
const lenin = DEMO_OFFICES.find((o) => o.code === "002")!;
const inn003 = DEMO_INNS.registered["003"].individual;

async function actor(username: string): Promise<StaffActor> {
  const [u] = await h.db.select().from(staffUsers).where(eq(staffUsers.username, username));
  return { type: "staff", id: u.id, role: u.role, officeCode: u.officeCode, fullName: u.fullName };
}

async function lookUp(inn: string, code: string) {
  const res = await call(status.action!, postForm("/status", { inn, code }, await csrfCookieHeader()));
  expect(res.status).toBe(200);
  return (await res.json()) as { status: { office: { code: string; name: string; address: string; timeZone: string } | null; entryDueAt: string | null } };
}

beforeAll(async () => {
  h = await createTestDb();
  await seedDemoData(h.db);
  useAppDatabase(h);
  for (const u of ["inspector.lenin", "inspector.oktyabr"]) cookies[u] = await staffCookies(h, u);
  status = (await import("../../../app/routes/status._index")) as unknown as RouteModule;
  card = (await import("../../../app/routes/desk.subjects.$inn")) as unknown as RouteModule;
}, 120_000);
afterAll(async () => {
  releaseAppDatabase();
  await h.close();
});

describe("the office by name and address, not by its code", () => {
  it("status page: a saved application names the office of registration the applicant must go to", async () => {
    const saved = await submitApplication(h.db, validForm(inn003), new Date());
    const { status: s } = await lookUp(inn003, saved.code);
    expect(s.office).toMatchObject({ code: "003", name: oktyabr.name, address: oktyabr.address });
    const ru = await translatorFor("ru", "status");
    expect(officeText(ru, s.office)).toBe(`${oktyabr.name}, ${oktyabr.address} (код 003)`);
  });

  it("status page: an accepted annulment application says until which day, inclusive, it is entered", async () => {
    const inn = DEMO_INNS.registered["003"].entrepreneur;
    const insp = await actor("inspector.oktyabr");
    await grantedSubject(h.db, insp, inn, new Date("2026-11-30T04:00:00Z"));
    // Accepted Tuesday 01.12.2026 10:02 in Bishkek: entered on time up to and including Thursday 03.12.
    const annul = await acceptedApplication(h.db, insp, inn, new Date("2026-12-01T04:00:00Z"), { requestKind: "annul", subjectType: "entrepreneur", password: undefined, passwordConfirm: undefined });
    const { status: s } = await lookUp(inn, annul.code);
    expect(s.entryDueAt).toBe("2026-12-03T18:00:00.000Z");
    expect(s.office).toMatchObject({ code: "003", name: oktyabr.name, address: oktyabr.address });
    expect(formatEntryDeadline(await translatorFor("ru"), s.entryDueAt, s.office!.timeZone)).toBe("по 03.12.2026 включительно");
  });

  it("subject card of another office: names that office with its address, and the inspector's own by name", async () => {
    const res = await call(card.loader!, getRequest(`/desk/subjects/${inn003}`, cookies["inspector.lenin"]), { inn: inn003 });
    expect(res.status).toBe(403);
    const d = (await res.json()) as { subjectOffice: unknown; ownOffice: unknown };
    expect(d.subjectOffice).toMatchObject({ code: "003", name: oktyabr.name, address: oktyabr.address });
    expect(d.ownOffice).toMatchObject({ code: "002", name: lenin.name });
  });

  it("application of another office: the checks name the office that decides, with its address", async () => {
    const saved = await submitApplication(h.db, validForm(inn003), new Date());
    const checks = await runChecks(h.db, await actor("inspector.lenin"), saved.id);
    expect(checks.officeMatches).toBe(false);
    expect(checks.office).toMatchObject({ code: "003", name: oktyabr.name, address: oktyabr.address });
  });

  it("own subject card: the office by name and address", async () => {
    const res = await call(card.loader!, getRequest(`/desk/subjects/${inn003}`, cookies["inspector.oktyabr"]), { inn: inn003 });
    expect(res.status).toBe(200);
    const d = (await res.json()) as { office: unknown };
    expect(d.office).toMatchObject({ code: "003", name: oktyabr.name, address: oktyabr.address });
  });
});

describe("the subject card shows application codes as everywhere else", () => {
  it("with dashes (XXXX-XXXX-XX), as printed and as the applicant types them", async () => {
    const inn = DEMO_INNS.registered["003"].legalEntity;
    const saved = await submitApplication(h.db, validForm(inn, { subjectType: "legal_entity", headName: "Директор Тест" }), new Date());
    const res = await call(card.loader!, getRequest(`/desk/subjects/${inn}`, cookies["inspector.oktyabr"]), { inn });
    expect(res.status).toBe(200);
    const d = (await res.json()) as { applications: { id: string; code: string }[] };
    const shown = d.applications.find((a) => a.id === saved.id)!;
    expect(shown.code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{2}$/);
    expect(shown.code.replace(/-/g, "")).toBe(saved.code.replace(/-/g, ""));
  });
});

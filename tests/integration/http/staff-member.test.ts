import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type DbHandle } from "../../../db/client";
import { staffUsers } from "../../../db/schema";
import * as person from "../../../app/routes/admin.staff_.$id";
import * as desk from "../../../app/routes/desk._index";
import { releaseAppDatabase, useAppDatabase } from "../../support/app-db";
import { createTestDb } from "../../support/db";
import { createOffice, createStaff } from "../../support/factories";
import { call, getRequest, postForm, staffCookies, type RouteModule } from "../../support/http";

// Decision 068 over HTTP: the administrator disables a staff member on their page, and the
// person's very next request is signed out; a disabling without a reason changes nothing.
let h: DbHandle;
let admin: string;
let inspectorId: string;
let inspector: string;
const page = person as RouteModule;

async function cookiesOf(id: string) {
  const [row] = await queryRows<{ username: string }>(h.db, sql`select username from staff_users where id = ${id}`);
  return staffCookies(h, row.username);
}

beforeAll(async () => {
  h = await createTestDb();
  useAppDatabase(h);
  await createOffice(h.db, "051");
  await createOffice(h.db, "052");
  admin = await cookiesOf((await createStaff(h.db, "admin", null)).id);
  inspectorId = (await createStaff(h.db, "inspector", "051", "Сатыбалдиев Марат")).id;
  inspector = await cookiesOf(inspectorId);
});
afterAll(async () => {
  releaseAppDatabase();
  await h.close();
});

const disabled = async () => (await h.db.select({ disabled: staffUsers.disabled }).from(staffUsers).where(eq(staffUsers.id, inspectorId)))[0].disabled;

describe("a staff member's page", () => {
  it("refuses a disabling without a reason, with the message on the form and nothing changed", async () => {
    const res = await call(page.action!, postForm(`/admin/staff/${inspectorId}`, { intent: "disable", reason: "" }, admin), { id: inspectorId });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ intent: "disable", error: { key: "staff.reason_required" } });
    expect(await disabled()).toBe(false);
    expect((await call((desk as RouteModule).loader!, getRequest("/desk", inspector))).status).toBe(200);
  });

  it("moves the inspector: the page shows the new office and the move in the account's history", async () => {
    const res = await call(page.action!, postForm(`/admin/staff/${inspectorId}`, { intent: "move", officeCode: "052" }, admin), { id: inspectorId });
    expect(res.status).toBe(302);
    const body = (await (await call(page.loader!, getRequest(`/admin/staff/${inspectorId}`, admin), { id: inspectorId })).json()) as {
      person: { officeCode: string }; history: { action: string; before: unknown; after: unknown }[];
    };
    expect(body.person.officeCode).toBe("052");
    expect(body.history[0]).toMatchObject({ action: "staff.moved", before: { officeCode: "051" }, after: { officeCode: "052" } });
  });

  it("sets a supervisor's jurisdiction; the region the form still names counts only for a regional one", async () => {
    const supervisor = await createStaff(h.db, "supervisor", "051");
    await h.db.execute(sql`insert into regions (code, name) values ('R5', 'Region five') on conflict do nothing`);
    const post = (fields: Record<string, string>) => call(page.action!, postForm(`/admin/staff/${supervisor.id}`, { intent: "jurisdiction", ...fields }, admin), { id: supervisor.id });
    expect((await post({ jurisdiction: "region", regionCode: "" })).status).toBe(400);
    expect((await post({ jurisdiction: "region", regionCode: "R5" })).status).toBe(302);
    expect((await post({ jurisdiction: "country", regionCode: "R5" })).status).toBe(302);
    const [row] = await h.db.select({ jurisdiction: staffUsers.jurisdiction, regionCode: staffUsers.regionCode }).from(staffUsers).where(eq(staffUsers.id, supervisor.id));
    expect(row).toEqual({ jurisdiction: "country", regionCode: null });
    // The same again changes nothing and writes nothing.
    const entries = async () => (await queryRows<{ n: number }>(h.db, sql`select count(*)::int as n from journal_entries where entity_id = ${supervisor.id}`))[0].n;
    const before = await entries();
    expect((await post({ jurisdiction: "country", regionCode: "" })).status).toBe(302);
    expect(await entries()).toBe(before);
  });

  it("disables with a reason: the person's next request is signed out", async () => {
    const res = await call(page.action!, postForm(`/admin/staff/${inspectorId}`, { intent: "disable", reason: "Переведён в другое ведомство" }, admin), { id: inspectorId });
    expect(res.status).toBe(302);
    expect(await disabled()).toBe(true);
    const next = await call((desk as RouteModule).loader!, getRequest("/desk", inspector));
    expect(next.status).toBe(302);
    expect(next.headers.get("location")).toMatch(/^\/login\?redirectTo=/);
  });

  it("is the administrators' own: another staff member is refused, an unknown id is not found", async () => {
    expect((await call(page.loader!, getRequest(`/admin/staff/${inspectorId}`, await cookiesOf((await createStaff(h.db, "supervisor", "051")).id)), { id: inspectorId })).status).toBe(403);
    expect((await call(page.loader!, getRequest("/admin/staff/not-a-uuid", admin), { id: "not-a-uuid" })).status).toBe(404);
  });
});

import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { queryRows, type DbHandle } from "../../../db/client";
import { journalEntries, rateLimits } from "../../../db/schema";
import { submitApplication } from "../../../workflows/application/service";
import { createApiClient } from "../../../workflows/api/clients";
import { lastApplicationCookie } from "../../../app/utils/cookies.server";
import { loader as printLoader } from "../../../app/routes/apply.print";
import { action as apiStatus } from "../../../app/routes/api.v1.applications.status";
import { releaseAppDatabase, useAppDatabase } from "../../support/app-db";
import { createTestDb } from "../../support/db";
import { createOffice, createStaff, createTaxpayer, grantedSubject, validForm } from "../../support/factories";
import { call, getRequest } from "../../support/http";

let h: DbHandle;
let inspector: Awaited<ReturnType<typeof createStaff>>;
let apiKey: string;
beforeAll(async () => {
  h = await createTestDb();
  useAppDatabase(h);
  await createOffice(h.db, "001");
  inspector = await createStaff(h.db, "inspector", "001");
  ({ key: apiKey } = await createApiClient(h.db, await createStaff(h.db, "admin", null), "Cabinet"));
});
afterAll(async () => {
  releaseAppDatabase();
  await h.close();
});
beforeEach(async () => {
  await h.db.delete(rateLimits);
});

async function saved() {
  const inn = await createTaxpayer(h.db, "001");
  const { id, code } = await submitApplication(h.db, validForm(inn), new Date());
  return { id, inn, code };
}

const cookieOf = (setCookie: string) => setCookie.split(";")[0];
const signedCookie = async (code: string, inn: string) => cookieOf(await lastApplicationCookie().serialize({ code, inn }));
/** The cookie as the old code wrote it: base64 of the JSON, which anyone can write. */
const forgedCookie = (code: string, inn: string) => `last-application=${encodeURIComponent(Buffer.from(JSON.stringify({ code, inn })).toString("base64"))}`;

async function journalCount(id: string) {
  const [{ n }] = await queryRows<{ n: number }>(h.db, sql`select count(*)::int as n from ${journalEntries} where ${journalEntries.entityId} = ${id}`);
  return n;
}

const print = (cookie: string, ip = "198.51.100.1") => call(printLoader as never, getRequest("/apply/print", cookie), {}, ip);
/** A print refused for the limit: back to the page, with the limit's message. */
const LIMITED = "limited";
const outcome = async (res: Response) =>
  res.status === 200 && res.headers.get("content-type") === "application/pdf" ? 200 : res.headers.get("location") === "/apply/done" && (res.headers.get("set-cookie") ?? "").includes("flash=") ? LIMITED : res.status;

describe("/apply/print serves the applicant's own form, once, to the browser that saved it", () => {
  it("a cookie the server did not sign prints nothing and journals nothing", async () => {
    const app = await saved();
    const before = await journalCount(app.id);
    const res = await print(forgedCookie(app.code, app.inn));
    expect(res.headers.get("content-type")).not.toBe("application/pdf");
    expect(res.status).toBe(302);
    expect(await journalCount(app.id)).toBe(before);
  });

  it("the signed cookie prints the form", async () => {
    const app = await saved();
    const res = await print(await signedCookie(app.code, app.inn));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
  });

  it("prints are limited per address and per INN", async () => {
    const app = await saved();
    const cookie = await signedCookie(app.code, app.inn);
    const fromOne = [];
    for (let i = 0; i < 12; i++) fromOne.push(await outcome(await print(cookie, "198.51.100.7")));
    expect(fromOne.slice(0, 10).every((s) => s === 200)).toBe(true);
    expect(fromOne.slice(10)).toEqual([LIMITED, LIMITED]);

    await h.db.delete(rateLimits);
    // One INN from many addresses.
    const other = await saved();
    const otherCookie = await signedCookie(other.code, other.inn);
    const fromMany = [];
    for (let i = 0; i < 12; i++) fromMany.push(await outcome(await print(otherCookie, `203.0.113.${i}`)));
    expect(fromMany.slice(0, 10).every((s) => s === 200)).toBe(true);
    expect(fromMany.slice(10)).toEqual([LIMITED, LIMITED]);
  });

  it("once the application is decided, the form is no longer served: the page says to look at the status", async () => {
    const inn = await createTaxpayer(h.db, "001");
    const granted = await grantedSubject(h.db, inspector, inn, new Date(Date.now() - 3600_000));
    const before = await journalCount(granted.id);
    const res = await print(await signedCookie(granted.code, inn));
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/status");
    expect(res.headers.get("set-cookie")).toContain("flash=");
    expect(await journalCount(granted.id)).toBe(before);
  });
});

describe("POST /api/v1/applications/status is limited per address and per INN, not only per key", () => {
  const lookUp = (inn: string, code: string, ip: string) =>
    call(
      apiStatus as never,
      new Request("http://localhost/api/v1/applications/status", {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${apiKey}` },
        body: JSON.stringify({ inn, code }),
      }),
      {},
      ip,
    );

  it("misses for one INN from many addresses are limited; the right code is then refused too, until the window ends", async () => {
    const app = await saved();
    const answers = [];
    for (let i = 0; i < 22; i++) answers.push((await lookUp(app.inn, "ABCD-EFGH-JK", `203.0.113.${i}`)).status);
    expect(answers.slice(20)).toEqual([429, 429]);
    const right = await lookUp(app.inn, app.code, "203.0.113.99");
    expect(right.status).toBe(429);
    expect(right.headers.get("content-type")).toBe("application/problem+json");
  });

  it("misses from one address over many INNs are limited", async () => {
    const answers = [];
    for (let i = 0; i < 205; i++) answers.push((await lookUp(`201011990${String(i).padStart(5, "0")}`, "ABCD-EFGH-JK", "198.51.100.50")).status);
    expect(answers.slice(0, 200).filter((s) => s === 429)).toEqual([]);
    expect(answers.slice(200)).toEqual([429, 429, 429, 429, 429]);
  });

  it("lookups that find their application give their hits back", async () => {
    const app = await saved();
    for (let i = 0; i < 30; i++) expect((await lookUp(app.inn, app.code, "198.51.100.60")).status).toBe(200);
    const [row] = await h.db.select().from(rateLimits).where(eq(rateLimits.bucket, `api:status:inn:${app.inn}`));
    expect(row?.hits ?? 0).toBe(0);
  });
});

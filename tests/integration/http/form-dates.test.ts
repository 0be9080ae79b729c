import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type DbHandle } from "../../../db/client";
import { DEMO_INNS, seedDemoData } from "../../../db/seed";
import * as apply from "../../../app/routes/apply._index";
import * as subject from "../../../app/routes/desk.subjects.$inn";
import * as stats from "../../../app/routes/desk.stats";
import * as journal from "../../../app/routes/admin.journal";
import { translatorFor } from "../../../app/utils/i18n.server";
import { releaseAppDatabase, useAppDatabase } from "../../support/app-db";
import { createTestDb } from "../../support/db";
import { call, csrfCookieHeader, getRequest, postForm, representedApplyForm, staffCookies, type RouteModule } from "../../support/http";

/**
 * Date fields parse strictly: a day that does not exist, or one outside the sensible range, is a
 * 400 whose message names the field in both languages, and nothing is written. The evidence form
 * also limits its texts and does not record the same document twice.
 */
let h: DbHandle;
const cookies: Record<string, string> = {};
const subjectInn = DEMO_INNS.registered["002"].entrepreneur;
let ipSeq = 0;
const nextIp = () => `10.1.${Math.floor(++ipSeq / 250)}.${ipSeq % 250}`;

const daysFromNow = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const IMPOSSIBLE = ["2026-13-45", "0000-00-00", "2025-02-29", "2024-04-31", "2025-1-5", "05.01.2025", "2025-01-05T00:00", "２０２５-０１-０５", "1990-12-31", "0001-01-01", "9999-12-31", daysFromNow(2)];

/** Rows a refusal must not add (viewing a card is journaled, and is not what is counted). */
async function counts() {
  const [row] = await queryRows<{ a: number; ev: number; j: number }>(
    h.db,
    sql`select (select count(*) from applications)::int a, (select count(*) from fictitious_evidence)::int ev, (select count(*) from journal_entries where action <> 'subject.viewed')::int j`,
  );
  return row;
}

/** The message a page shows for a field names that field, in Russian and in English. */
async function expectNamesField(key: string | undefined, labelKey: string) {
  expect(key, "a message for the field").toBeTruthy();
  for (const lng of ["ru", "en"] as const) {
    const t = await translatorFor(lng);
    const message = t(key!);
    expect(message, `${lng}: ${key} is translated`).not.toBe(key);
    expect(message.toLowerCase(), `${lng}: «${message}» names the field`).toContain(t(labelKey).toLowerCase());
  }
}

const applyForm = (poaDate: string) => representedApplyForm(DEMO_INNS.registered["002"].individual, poaDate);

const evidenceForm = (over: Record<string, string> = {}) => ({
  intent: "evidence",
  kind: "fictitious_supplies",
  documentNumber: "СЭР-77",
  documentDate: "2025-01-10",
  issuer: "Служба экономических расследований",
  ...over,
});

async function body(response: Response) {
  return (await response.json()) as { fields?: Record<string, string>; error?: { key: string; code: string }; evidenceFormKey?: string };
}

beforeAll(async () => {
  h = await createTestDb();
  await seedDemoData(h.db);
  useAppDatabase(h);
  for (const u of ["supervisor.lenin", "admin"]) cookies[u] = await staffCookies(h, u);
  cookies.anonymous = await csrfCookieHeader();
}, 120_000);
afterAll(async () => {
  releaseAppDatabase();
  await h.close();
});

describe("impossible dates on the public application form", () => {
  it.each(IMPOSSIBLE)("representative.poaDate=%s: 400 naming the field, nothing saved", async (poaDate) => {
    const before = await counts();
    const response = await call((apply as RouteModule).action!, postForm("/apply", applyForm(poaDate), cookies.anonymous), {}, nextIp());
    expect(response.status).toBe(400);
    await expectNamesField((await body(response)).fields?.["representative.poaDate"], "apply:fields.representative.poaDate");
    expect(await counts()).toEqual(before);
  });

  it("a real date in range is saved", async () => {
    const response = await call((apply as RouteModule).action!, postForm("/apply", applyForm("2025-01-10"), cookies.anonymous), {}, nextIp());
    expect(response.status).toBe(302);
  });
});

describe("impossible dates and oversized texts of fictitious-activity evidence", () => {
  const url = `/desk/subjects/${subjectInn}`;
  const post = (fields: Record<string, string>) => call((subject as RouteModule).action!, postForm(url, fields, cookies["supervisor.lenin"]), { inn: subjectInn });

  it.each(IMPOSSIBLE)("documentDate=%s: 400 naming the field, nothing recorded or journaled", async (documentDate) => {
    const before = await counts();
    const response = await post(evidenceForm({ documentDate }));
    expect(response.status).toBe(400);
    await expectNamesField((await body(response)).fields?.documentDate, "subject:evidence.documentDate");
    expect(await counts()).toEqual(before);
  });

  it.each([
    ["documentNumber", 101, "subject:evidence.documentNumber"],
    ["issuer", 301, "subject:evidence.issuer"],
  ] as const)("%s of %i characters: 400 with a short message naming the field", async (field, length, labelKey) => {
    const before = await counts();
    const response = await post(evidenceForm({ [field]: "9".repeat(5000).slice(0, length) }));
    expect(response.status).toBe(400);
    const key = (await body(response)).fields?.[field];
    await expectNamesField(key, labelKey);
    const ru = await translatorFor("ru");
    expect(ru(key!).length).toBeLessThan(200);
    expect(await counts()).toEqual(before);
  });

  it("a 5,000-character number is refused without repeating it", async () => {
    const response = await post(evidenceForm({ documentNumber: "9".repeat(5000) }));
    expect(response.status).toBe(400);
    expect((await response.text()).length).toBeLessThan(1000);
  });

  it("a saved record empties the form, and the same document sent again is not recorded twice", async () => {
    const page = async () => body(await call((subject as RouteModule).loader!, getRequest(url, cookies["supervisor.lenin"]), { inn: subjectInn }));
    const keyBefore = (await page()).evidenceFormKey;
    const before = await counts();
    const form = evidenceForm({ documentNumber: "СЭР-DUP-1" });
    const first = await post(form);
    expect(first.status).toBe(302);
    expect(first.headers.get("Location")).toBe(url);
    const keyAfter = (await page()).evidenceFormKey;
    expect(keyAfter, "the form is keyed by what was saved, so it mounts again empty").toBeTruthy();
    expect(keyAfter).not.toBe(keyBefore);
    const second = await post(form);
    expect(second.status).toBe(409);
    expect((await body(second)).error?.key).toBe("supervisor:errors.evidence.duplicate");
    const after = await counts();
    expect(after.ev, "one evidence row").toBe(before.ev + 1);
    expect(after.j, "one journal entry").toBe(before.j + 1);
  });
});

describe("date filters of the statistics and the journal", () => {
  it.each([
    ["from", "2025-13-45"],
    ["to", "2025-02-30"],
    ["from", "0000-00-00"],
    ["to", daysFromNow(2)],
  ])("statistics %s=%s: 400 naming the field", async (field, value) => {
    const response = await call((stats as RouteModule).loader!, getRequest(`/desk/stats?${new URLSearchParams({ [field]: value })}`, cookies["supervisor.lenin"]));
    expect(response.status).toBe(400);
    await expectNamesField((await body(response)).fields?.[field], `supervisor:stats.${field}`);
  });

  it.each([
    ["from", "2025-02-30"],
    ["to", "2026-13-45"],
    ["from", "1900-01-01"],
  ])("journal %s=%s: 400 naming the field", async (field, value) => {
    const response = await call((journal as RouteModule).loader!, getRequest(`/admin/journal?${new URLSearchParams({ [field]: value })}`, cookies.admin));
    expect(response.status).toBe(400);
    await expectNamesField((await body(response)).fields?.[field], `journal:admin.${field}`);
  });
});

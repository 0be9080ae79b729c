import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../../db/client";
import type { StaffActor } from "../../../workflows/actor";
import { appendJournal } from "../../../workflows/journal";
import { decodeCursor, journalPages, listJournal } from "../../../workflows/subject";
import { createTestDb } from "../../support/db";
import { createOffice, createStaff, createTaxpayer, grantedSubject } from "../../support/factories";

let h: DbHandle;
let insp: StaffActor;
let insp2: StaffActor;
let innA: string;
const T0 = new Date("2025-03-07T04:00:00Z");

beforeAll(async () => {
  h = await createTestDb();
  await createOffice(h.db, "041");
  await createOffice(h.db, "042");
  insp = await createStaff(h.db, "inspector", "041", "Журналова Асель");
  insp2 = await createStaff(h.db, "inspector", "042");
  innA = await createTaxpayer(h.db, "041");
  await grantedSubject(h.db, insp, innA, T0);
  await grantedSubject(h.db, insp2, await createTaxpayer(h.db, "042"), T0);
  // Many entries in one transaction: they may share one millisecond, which the (at, id) key must tell apart.
  await h.db.transaction(async (tx) => {
    for (let i = 0; i < 12; i++) await appendJournal(tx, { actor: { type: "system" }, officeCode: null, action: "demo.seeded", after: { i } });
  });
});
afterAll(() => h.close());

async function walk(filters: Parameters<typeof listJournal>[1], limit: number) {
  const seen = [];
  let cursor = null;
  for (let pages = 0; pages < 100; pages++) {
    const page = await listJournal(h.db, filters, { cursor, limit });
    seen.push(...page.entries);
    if (!page.next) break;
    cursor = decodeCursor(page.next);
  }
  return seen;
}

describe("the administrator's journal listing", () => {
  it("pages newest first by keyset without a gap or a repeat", async () => {
    const all = (await listJournal(h.db, {}, { limit: 200 })).entries;
    const paged = await walk({}, 3);
    expect(paged.map((e) => e.id)).toEqual(all.map((e) => e.id));
    expect(new Set(paged.map((e) => e.id)).size).toBe(paged.length);
    for (let i = 1; i < paged.length; i++) expect(paged[i - 1].at.getTime()).toBeGreaterThanOrEqual(paged[i].at.getTime());
  });

  it("filters by office, the global chain, role, action, INN and period", async () => {
    const office = await walk({ officeCode: "041" }, 4);
    expect(office.length).toBeGreaterThan(3);
    expect(office.every((e) => e.officeCode === "041")).toBe(true);
    const global = await walk({ officeCode: "global" }, 5);
    expect(global.filter((e) => e.action === "demo.seeded")).toHaveLength(12);
    expect(global.every((e) => e.officeCode === null)).toBe(true);
    const byRole = await walk({ actorRole: "public" }, 50);
    expect(byRole.map((e) => e.action)).toEqual(["application.saved", "application.saved"]);
    const granted = await walk({ action: "application.granted", inn: innA }, 50);
    expect(granted).toHaveLength(1);
    expect(granted[0]).toMatchObject({ actorName: "Журналова Асель", role: "inspector", officeName: "Office 041", subjectInn: innA });
    const future = await walk({ from: new Date(Date.now() + 3_600_000) }, 50);
    expect(future).toHaveLength(0);
    const untilNow = await walk({ to: new Date(Date.now() + 60_000), inn: innA }, 50);
    expect(untilNow.length).toBe((await walk({ inn: innA }, 50)).length);
  });

  it("a download's pages (decision 066): the listing's entries in its order, without those written after the download began", async () => {
    const listed = await walk({}, 200);
    const pages = journalPages(h.db, {}, 5);
    const first = await pages.next();
    await appendJournal(h.db, { actor: { type: "system" }, officeCode: null, action: "demo.seeded", after: { late: true } });
    const read = [...(first.value ?? [])];
    for await (const page of pages) read.push(...page);
    expect(read.map((e) => e.id)).toEqual(listed.map((e) => e.id));
    expect((await walk({}, 200)).length).toBe(listed.length + 1);
  });

  it("refuses a forged cursor", () => {
    expect(() => decodeCursor("1; drop")).toThrow();
    expect(decodeCursor("2025-03-07T04:00:00.123Z~42")).toEqual({ at: new Date("2025-03-07T04:00:00.123Z"), id: 42 });
  });
});

import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../db/client";
import { journalEntries } from "../../db/schema";
import type { StaffActor } from "../../workflows/actor";
import { refuseAccess } from "../../workflows/application/service";
import { getApplication } from "../../workflows/application/queries";
import { verifyDocument } from "../../workflows/documents";
import { verifyJournal } from "../../workflows/journal";
import { takeNumber, takeOfficeNumber } from "../../workflows/numbering";
import { printDocument } from "../../workflows/printing";
import { publicStatus } from "../../workflows/subject/status";
import { createTestDb } from "../support/db";
import { acceptedApplication, createOffice, createStaff, createTaxpayer, grantedSubject } from "../support/factories";

let h: DbHandle;
let inspector: StaffActor;
const NOW = new Date("2026-03-05T08:07:00.000Z");

beforeAll(async () => {
  h = await createTestDb();
  await createOffice(h.db, "002");
  await createOffice(h.db, "003");
  inspector = await createStaff(h.db, "inspector", "002");
});
afterAll(() => h.close());

describe("one number per act (decision 044)", () => {
  it("numbers each office's series per year without gaps", async () => {
    const take = (office: string, series: "decision_grant" | "decision_refusal", year: number) => h.db.transaction((tx) => takeNumber(tx, office, series, year));
    expect(await take("003", "decision_grant", 2031)).toBe("003-DG-2031-000001");
    expect(await take("003", "decision_grant", 2031)).toBe("003-DG-2031-000002");
    expect(await take("003", "decision_refusal", 2031)).toBe("003-DR-2031-000001");
    expect(await take("002", "decision_grant", 2031)).toBe("002-DG-2031-000001");
    expect(await take("003", "decision_grant", 2032)).toBe("003-DG-2032-000001");
  });

  it("takes the year from the office's calendar: 31 Dec 18:30 UTC is already the next year in Bishkek", async () => {
    const n = await h.db.transaction((tx) => takeOfficeNumber(tx, "003", "journal_extract", new Date("2033-12-31T18:30:00.000Z")));
    expect(n).toBe("003-JE-2034-000001");
  });

  it("gives the number back when the act's transaction rolls back", async () => {
    await expect(
      h.db.transaction(async (tx) => {
        await takeNumber(tx, "003", "incoming", 2035);
        throw new Error("the act failed after taking its number");
      }),
    ).rejects.toThrow("the act failed");
    expect(await h.db.transaction((tx) => takeNumber(tx, "003", "incoming", 2035))).toBe("003-IN-2035-000001");
  });

  it("widens past six digits instead of cutting the number", async () => {
    await h.db.execute(`insert into number_sequences (office_code, series, year, last) values ('003', 'incoming', 2036, 999999)` as never);
    expect(await h.db.transaction((tx) => takeNumber(tx, "003", "incoming", 2036))).toBe("003-IN-2036-1000000");
  });

  it("a grant's number is made with the decision, and the page, /status, the paper, /verify and the journal repeat it", async () => {
    const inn = await createTaxpayer(h.db, "002");
    // Another decision left unprinted first: printing must not make a number of its own.
    const other = await createTaxpayer(h.db, "002");
    await grantedSubject(h.db, inspector, other, NOW);
    const granted = await grantedSubject(h.db, inspector, inn, NOW);
    const view = (await getApplication(h.db, granted.id))!;
    const number = view.decision!.number;
    expect(number).toMatch(/^002-DG-2026-\d{6}$/);
    expect(granted.incomingNumber).toMatch(/^002-IN-2026-\d{6}$/);
    const status = await publicStatus(h.db, inn, granted.code, new Date());
    expect(status?.decision?.number).toBe(number);
    const doc = await printDocument(h.db, inspector, { source: "decision", id: granted.decisionId }, new Date(NOW.getTime() + 240_000));
    expect(doc.number).toBe(number);
    expect((await verifyDocument(h.db, doc.id, doc.contentHash.slice(0, 16), new Date())).number).toBe(number);
    const entries = await h.db.select().from(journalEntries).where(eq(journalEntries.subjectInn, inn));
    const granting = entries.find((e) => e.action === "application.granted")!;
    expect((granting.after as { decisionNumber: string }).decisionNumber).toBe(number);
    const printed = entries.find((e) => e.action === "document.printed")!;
    expect((printed.after as { number: string }).number).toBe(number);
    // A reprint repeats it too.
    const again = await printDocument(h.db, inspector, { source: "decision", id: granted.decisionId }, new Date(NOW.getTime() + 300_000));
    expect(again.number).toBe(number);
    expect((await verifyJournal(h.db)).ok).toBe(true);
  });

  it("the application printed at the desk carries its incoming number; online, its code", async () => {
    const inn = await createTaxpayer(h.db, "002");
    const app = await acceptedApplication(h.db, inspector, inn, NOW);
    const desk = await printDocument(h.db, inspector, { source: "application", id: app.id }, NOW);
    expect(desk.number).toBe(app.incomingNumber);
    const online = await printDocument(h.db, { type: "public" }, { source: "application", id: app.id }, NOW);
    expect(online.number.replaceAll("-", "")).toBe(app.code);
  });

  it("a refusal is numbered in its own series", async () => {
    const inn = await createTaxpayer(h.db, "002", { status: "deregistered" });
    const app = await acceptedApplication(h.db, inspector, inn, NOW);
    const { decisionId } = await refuseAccess(h.db, inspector, app.id, [{ ground: "no_registration" }], new Date(NOW.getTime() + 180_000));
    const view = (await getApplication(h.db, app.id))!;
    expect(view.decision!.number).toMatch(/^002-DR-2026-\d{6}$/);
    const doc = await printDocument(h.db, inspector, { source: "decision", id: decisionId }, NOW);
    expect(doc.number).toBe(view.decision!.number);
  });
});

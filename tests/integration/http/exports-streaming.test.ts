import { parse } from "csv-parse/sync";
import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type DbHandle } from "../../../db/client";
import * as journalExport from "../../../app/routes/admin.journal.export";
import { journalSheet } from "../../../app/exports/journal.server";
import { csvStream, xlsxStream, type Sheet } from "../../../app/exports/table.server";
import { translatorFor } from "../../../app/utils/i18n.server";
import { EXPORT_PAGE_SIZE, journalPages, type StaffJournalEntry } from "../../../workflows/subject";
import { releaseAppDatabase, useAppDatabase } from "../../support/app-db";
import { createTestDb } from "../../support/db";
import { createOffice, createStaff } from "../../support/factories";
import { call, getRequest, staffCookies } from "../../support/http";

// Decision 066: a download of a large journal is written as it is read. 20,000 entries of one
// office; the file's first bytes leave before the last page is read, and a reader that stops
// reading stops the reads.
const ENTRIES = 20_000;
const PAGES = Math.ceil(ENTRIES / EXPORT_PAGE_SIZE);
let h: DbHandle;
let admin: string;

beforeAll(async () => {
  h = await createTestDb();
  useAppDatabase(h);
  await createOffice(h.db, "063");
  const a = await createStaff(h.db, "admin", null);
  const [row] = await queryRows<{ username: string }>(h.db, sql`select username from staff_users where id = ${a.id}`);
  admin = await staffCookies(h, row.username);
  // Written in one statement rather than appended one by one: a download reads entries, it never
  // verifies their chain, so these carry placeholder hashes on a chain of their own.
  await h.db.execute(sql`
    insert into journal_entries (chain, seq, at, actor_role, office_code, action, subject_inn, entity_type, entity_id, after, prev_hash, hash)
    select 'bulk-063', g, timestamptz '2025-03-01 00:00:00Z' + g * interval '1 second', 'inspector', '063', 'subject.viewed',
           lpad(g::text, 14, '2'), 'subject', g::text, jsonb_build_object('n', g), 'x', md5(g::text)
    from generate_series(1, ${ENTRIES}) g`);
}, 120_000);
afterAll(async () => {
  releaseAppDatabase();
  await h.close();
});

/** The journal's pages, counting how many the download has asked for. */
function counted(filters: Parameters<typeof journalPages>[1]) {
  const seen = { pages: 0 };
  async function* pages(): AsyncGenerator<StaffJournalEntry[]> {
    for await (const page of journalPages(h.db, filters)) {
      seen.pages++;
      yield page;
    }
  }
  return { seen, pages: pages() };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function readAll(reader: ReadableStreamDefaultReader<Uint8Array>, first: Uint8Array): Promise<Buffer> {
  const chunks = [first];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks);
    chunks.push(value);
  }
}

describe.each([
  ["csv", csvStream],
  ["xlsx", xlsxStream],
] as const)("a %s download of 20,000 entries", (format, write) => {
  it("sends its first bytes after a few pages, reads no further while the reader waits, then holds every entry", async () => {
    const t = await translatorFor("ru", ["journal"]);
    const { seen, pages } = counted({ officeCode: "063" });
    const sheet: Sheet = journalSheet(pages, t, "Asia/Bishkek");
    const reader = write([sheet]).getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    const atFirst = seen.pages;
    expect(atFirst).toBeLessThan(5);
    // Nobody reads for a while: the download fills its 64 kB queue and then waits rather than
    // reading the journal into memory. How many pages fill the queue depends on how well they
    // compress, so the check is that reading stops short of the end: until two counts 300 ms apart
    // agree. (On the embedded database the workbook once read all 20 pages here.)
    let waiting = -1;
    for (let tries = 0; seen.pages !== waiting && tries < 20; tries++) {
      waiting = seen.pages;
      await pause(300);
    }
    expect(seen.pages).toBe(waiting);
    expect(waiting).toBeLessThan(PAGES);
    const file = await readAll(reader, first.value!);
    expect(seen.pages).toBe(PAGES);
    if (format === "csv") {
      const rows = parse(file, { bom: true }) as string[][];
      expect(rows).toHaveLength(ENTRIES + 1);
      expect(rows[1].slice(5, 6)).toEqual([`${"2".repeat(9)}20000`]);
      expect(rows.at(-1)![8]).toBe("bulk-063#1");
    } else {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(file as unknown as ExcelJS.Buffer);
      const sheetRead = workbook.worksheets[0];
      expect(sheetRead.rowCount).toBe(ENTRIES + 1);
      expect(sheetRead.getCell(ENTRIES + 1, 9).value).toBe("bulk-063#1");
    }
  }, 120_000);

  it("stops reading the journal when the reader cancels", async () => {
    const t = await translatorFor("ru", ["journal"]);
    const { seen, pages } = counted({ officeCode: "063" });
    const reader = write([journalSheet(pages, t, "Asia/Bishkek")]).getReader();
    await reader.read();
    await reader.cancel();
    const at = seen.pages;
    await pause(200);
    expect(seen.pages).toBe(at);
    expect(at).toBeLessThan(PAGES);
  }, 60_000);
});

describe("the journal download route on a large journal", () => {
  it("answers with a stream before the file is written and delivers all 20,000 entries", async () => {
    const res = await call(journalExport.loader as never, getRequest("/admin/journal/export?format=csv&office=063", admin));
    expect(res.status).toBe(200);
    expect(res.body).toBeInstanceOf(ReadableStream);
    const rows = parse(Buffer.from(await res.arrayBuffer()), { bom: true }) as string[][];
    expect(rows).toHaveLength(ENTRIES + 1);
    expect(new Set(rows.slice(1).map((r) => r[8])).size).toBe(ENTRIES);
  }, 120_000);
});

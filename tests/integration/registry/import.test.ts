import { Readable } from "node:stream";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type DbHandle } from "../../../db/client";
import { offices } from "../../../db/schema";
import type { Actor } from "../../../workflows/actor";
import { verifyJournal } from "../../../workflows/journal";
import { importRegistryCsv } from "../../../workflows/registry/import";
import { generateRegistryCsv } from "../../../scripts/gen-registry-csv";
import { createTestDb } from "../../support/db";

const admin: Actor = { type: "staff", id: "00000000-0000-4000-8000-000000000001", role: "admin", officeCode: null, fullName: "Админ" };
const HEADER = "inn,name,subject_type,office_code,registration_status";

/** The file as a byte stream in small chunks that cut multi-byte letters in half. */
function byteStream(text: string, chunkSize = 4099): Readable {
  const bytes = Buffer.from(text, "utf8");
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunkSize) chunks.push(bytes.subarray(i, i + chunkSize));
  return Readable.from(chunks);
}

async function registry(h: DbHandle) {
  return queryRows<Record<string, string>>(
    h.db,
    sql`select inn, name, subject_type, office_code, registration_status, updated_at::text as updated_at from taxpayers order by inn`,
  );
}

async function importCount(h: DbHandle) {
  const [row] = await queryRows<{ n: number }>(h.db, sql`select count(*)::int as n from journal_entries where action = 'registry.imported'`);
  return row.n;
}

let h: DbHandle;
beforeAll(async () => {
  h = await createTestDb();
  await h.db.insert(offices).values([
    { code: "002", name: "УГНС по Ленинскому району г. Бишкек", address: "Бишкек", headName: "Начальник" },
    { code: "003", name: "УГНС по Октябрьскому району г. Бишкек", address: "Бишкек", headName: "Начальник" },
    { code: "008", name: "УГНС по г. Ош", address: "Ош", headName: "Начальник" },
  ]);
});
afterAll(() => h.close());

describe("registry import from CSV", () => {
  it("imports 10,000 rows with ~2% malformed in seconds, naming each bad row's line, and re-imports idempotently", async () => {
    const gen = generateRegistryCsv({ rows: 10_000, malformedShare: 0.02, seed: 7 });
    const text = `${gen.lines.join("\n")}\n`;

    const first = await importRegistryCsv(h.db, admin, byteStream(text));
    console.log(`registry import, 10,000 rows on ${h.driver}: ${first.elapsedMs} ms (first), ${first.errorCount} errors`);
    expect(first.rows).toBe(10_000);
    expect(first.valid).toBe(gen.validRows);
    expect(first.inserted).toBe(gen.validRows);
    expect(first.imported).toBe(gen.validRows);
    expect(first.errorCount).toBe(gen.expectedErrors.length);
    expect(first.errors.map((e) => ({ line: e.line, messageKey: e.messageKey }))).toEqual(gen.expectedErrors);
    expect(first.elapsedMs).toBeLessThan(15_000);
    const [{ n }] = await queryRows<{ n: number }>(h.db, sql`select count(*)::int as n from taxpayers`);
    expect(n).toBe(gen.validRows);

    const before = await registry(h);
    const second = await importRegistryCsv(h.db, admin, byteStream(text));
    console.log(`registry import, 10,000 rows on ${h.driver}: ${second.elapsedMs} ms (re-import)`);
    expect(second).toMatchObject({ rows: 10_000, imported: 0, inserted: 0, updated: 0, unchanged: gen.validRows });
    expect(second.errors).toEqual(first.errors);
    expect(await registry(h)).toEqual(before);
  }, 120_000);

  it("reports each bad row with its physical line and field, imports the good rows around it", async () => {
    const csv = [
      HEADER,
      `21505199012345,"Асанов Бакыт Жумабекович",individual,002,registered`,
      `2150519901234,Short INN,individual,002,registered`,
      `21505199012346,"Мамытова Айгерим
Токтосуновна",individual,003,registered`,
      `02410201910123,ОсОО «Ала-Тоо Трейд»,legal_entity,777,registered`,
      ``,
      `21505199012347,Kasymov,individual,002,active`,
      `21505199012345,"Асанов Бакыт Жумабекович",individual,002,registered`,
      `01203201310082,"ОсОО «Көк-Жар Агро»",legal_entity,008,deregistered`,
      `21505199012348,Үсөнбеков Өмүрбек,legal_entity,002,registered`,
    ].join("\r\n");
    const report = await importRegistryCsv(h.db, admin, [csv]);
    expect(report.rows).toBe(8);
    expect(report.imported).toBe(3);
    expect(report.errors).toEqual([
      { line: 3, field: "inn", messageKey: "registry.inn.length", value: "2150519901234" },
      { line: 6, field: "office_code", messageKey: "registry.office_code.unknown", value: "777" },
      { line: 8, field: "registration_status", messageKey: "registry.registration_status.invalid", value: "active" },
      { line: 9, field: "inn", messageKey: "registry.inn.duplicate", value: "21505199012345", params: { firstLine: 2 } },
      { line: 11, field: "subject_type", messageKey: "registry.subject_type.personal_inn", value: "legal_entity" },
    ]);
    const rows = await queryRows<{ inn: string; name: string }>(
      h.db,
      sql`select inn, name from taxpayers where inn in ('21505199012346', '02410201910123', '01203201310082', '21505199012348') order by inn`,
    );
    expect(rows).toEqual([
      { inn: "01203201310082", name: "ОсОО «Көк-Жар Агро»" },
      { inn: "21505199012346", name: "Мамытова Айгерим Токтосуновна" },
    ]);
  });

  it("accepts ';' with a UTF-8 BOM and Russian headers, and updates only the rows that changed", async () => {
    const base = `\uFEFFИНН;Наименование;Тип субъекта;Код органа;Статус регистрации\n01203201310082;ОсОО «Көк-Жар Агро»;legal_entity;008;registered\n21505199012346;Мамытова Айгерим Токтосуновна;individual;003;registered\n`;
    const report = await importRegistryCsv(h.db, admin, byteStream(base, 7));
    expect(report).toMatchObject({ rows: 2, updated: 1, unchanged: 1, errorCount: 0 });
    const [row] = await queryRows<{ registration_status: string }>(h.db, sql`select registration_status from taxpayers where inn = '01203201310082'`);
    expect(row.registration_status).toBe("registered");
  });

  it("a file of bad rows changes nothing but the journal; a broken quote costs only its own row", async () => {
    const before = await registry(h);
    const journaled = await importCount(h);
    const csv = [
      HEADER,
      `21505199012399,"Жумабеков "Улан",individual,002,registered`,
      `21505199012398,"Осмонов Нурлан,individual,002,registered`,
      `2150519901239X,Name,individual,002,registered`,
      `21505199012397,Name,individual,099,registered`,
      `21505199012396,Name,individual`,
      `21505199012395,"Сыдыков Азамат",individual,003,deregistered,`,
    ].join("\n");
    const report = await importRegistryCsv(h.db, admin, [csv]);
    expect(report.errors.map((e) => [e.line, e.messageKey])).toEqual([
      [2, "registry.csv.quote"],
      [3, "registry.csv.unclosed_quote"],
      [4, "registry.inn.not_digits"],
      [5, "registry.office_code.unknown"],
      [6, "registry.csv.column_count"],
    ]);
    // The last row (trailing delimiter, empty extra cell) is valid and is the only change.
    expect(report).toMatchObject({ rows: 6, inserted: 1, rejected: 5 });
    const after = await registry(h);
    expect(after.filter((r) => r.inn !== "21505199012395")).toEqual(before);
    expect(await importCount(h)).toBe(journaled + 1);
    expect((await verifyJournal(h.db)).ok).toBe(true);
  });

  it("refuses a file without the required columns, and an actor who is not an administrator", async () => {
    const before = await registry(h);
    const report = await importRegistryCsv(h.db, admin, ["inn,name,office_code\n21505199012394,Name,002\n"]);
    expect(report.errors).toEqual([{ line: 1, messageKey: "registry.csv.header_missing", value: "subject_type, registration_status" }]);
    expect(report.rows).toBe(0);
    const empty = await importRegistryCsv(h.db, admin, [""]);
    expect(empty.errors[0].messageKey).toBe("registry.csv.empty");
    expect(await registry(h)).toEqual(before);

    const inspector: Actor = { type: "staff", id: admin.id, role: "inspector", officeCode: "002", fullName: "Инспектор" };
    await expect(importRegistryCsv(h.db, inspector, [`${HEADER}\n`])).rejects.toMatchObject({ code: "forbidden" });
  });

  it("journals one entry per import with the counts", async () => {
    const [last] = await queryRows<{ after: Record<string, unknown>; office_code: string | null; actor_id: string }>(
      h.db,
      sql`select after, office_code, actor_id from journal_entries where action = 'registry.imported' order by id desc limit 1`,
    );
    expect(last.office_code).toBeNull();
    expect(last.actor_id).toBe(admin.id);
    expect(last.after).toMatchObject({ rows: 0, imported: 0, errorCount: 1 });
  });
});

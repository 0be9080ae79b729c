import { parse } from "csv-parse/sync";
import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type DbHandle } from "../../../db/client";
import * as journalPage from "../../../app/routes/admin.journal";
import * as journalExport from "../../../app/routes/admin.journal.export";
import * as statsPage from "../../../app/routes/desk.stats";
import * as statsExport from "../../../app/routes/desk.stats.export";
import { wallTime } from "../../../app/exports/journal.server";
import ru from "../../../app/locales/ru/journal.json";
import ruSupervisor from "../../../app/locales/ru/supervisor.json";
import kySupervisor from "../../../app/locales/ky/supervisor.json";
import type { StaffActor } from "../../../workflows/actor";
import { grantAccess, refuseAccess, runChecks } from "../../../workflows";
import { journalActionKey } from "../../../workflows/journal/actions";
import type { StatisticsFigures } from "../../../workflows/subject";
import { releaseAppDatabase, useAppDatabase } from "../../support/app-db";
import { createTestDb } from "../../support/db";
import { acceptedApplication, createEvidence, createOffice, createStaff, createTaxpayer } from "../../support/factories";
import { call, getRequest, staffCookies, type RouteModule } from "../../support/http";

// Decision 066: the statistics and the journal filter download as CSV and XLSX with the figures and
// the words of their pages.
let h: DbHandle;
let insp: StaffActor;
let innA: string;
const cookies: Record<string, string> = {};
const plus = (d: Date, minutes: number) => new Date(d.getTime() + minutes * 60_000);

async function cookiesOf(actor: StaffActor): Promise<string> {
  const [row] = await queryRows<{ username: string }>(h.db, sql`select username from staff_users where id = ${actor.id}`);
  return staffCookies(h, row.username);
}

/** Saved at `start`, presented a minute later; decided `minutes` after presentation. */
async function decided(start: Date, minutes: number, outcome: "grant" | "refuse_a" | "refuse_b", inn?: string) {
  inn ??= await createTaxpayer(h.db, "061", { status: outcome === "refuse_a" ? "deregistered" : "registered" });
  if (outcome === "refuse_b") await createEvidence(h.db, insp, inn, start);
  const app = await acceptedApplication(h.db, insp, inn, start);
  const when = plus(start, 1 + minutes);
  if (outcome === "grant") await grantAccess(h.db, insp, app.id, when);
  else await refuseAccess(h.db, insp, app.id, (await runChecks(h.db, insp, app.id)).grounds, when);
  return inn;
}

function asRussian(request: Request): Request {
  request.headers.set("Accept-Language", "ru");
  return request;
}

beforeAll(async () => {
  h = await createTestDb();
  useAppDatabase(h);
  await createOffice(h.db, "061");
  await createOffice(h.db, "062");
  insp = await createStaff(h.db, "inspector", "061", "Выгрузкина Айгүл");
  cookies.supervisor = await cookiesOf(await createStaff(h.db, "supervisor", "061"));
  cookies.otherSupervisor = await cookiesOf(await createStaff(h.db, "supervisor", "062"));
  cookies.admin = await cookiesOf(await createStaff(h.db, "admin", null));
  // 2025-03-10 in Bishkek (UTC+6): 04:00Z is 10:00 local; 18:30Z is 00:30 on the 11th.
  innA = await decided(new Date("2025-03-10T04:00:00Z"), 10, "grant");
  await decided(new Date("2025-03-10T05:00:00Z"), 30, "grant");
  await decided(new Date("2025-03-10T06:00:00Z"), 5, "refuse_a");
  await decided(new Date("2025-03-10T18:30:00Z"), 17, "refuse_b");
}, 120_000);
afterAll(async () => {
  releaseAppDatabase();
  await h.close();
});

const PERIOD = "from=2025-03-09&to=2025-03-11";

async function pageFigures(who = cookies.supervisor): Promise<StatisticsFigures> {
  const res = await call((statsPage as RouteModule).loader!, getRequest(`/desk/stats?${PERIOD}`, who));
  expect(res.status).toBe(200);
  return ((await res.json()) as { stats: StatisticsFigures }).stats;
}

const figureRow = (f: { decided: number; onTime: number; onTimeShare: number | null; granted: number; refused: number; averageMinutes: number | null }) =>
  [f.decided, f.onTime, f.onTimeShare, f.granted, f.refused, f.averageMinutes];
/** A CSV cell back as the figure it stands for: empty for none. */
const num = (cell: string) => (cell === "" ? null : Number(cell));

describe("the statistics download", () => {
  it("CSV: UTF-8 with a byte-order mark, RFC 4180, the page's figures under the page's Russian headers, totals and grounds", async () => {
    const figures = await pageFigures();
    expect(figures.totals).toMatchObject({ decided: 4, onTime: 3, onTimeShare: 75, granted: 2, refused: 2 });
    const res = await call((statsExport as RouteModule).loader!, asRussian(getRequest(`/desk/stats/export?format=csv&${PERIOD}`, cookies.supervisor)));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("content-disposition")).toBe(
      `attachment; filename="statistics-061-2025-03-09-2025-03-11.csv"; filename*=UTF-8''${encodeURIComponent("статистика-061-2025-03-09-2025-03-11.csv")}`,
    );
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // (A TextDecoder drops the mark unless told to keep it, as a spreadsheet does.)
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    expect(text.startsWith("\uFEFF")).toBe(true);
    const [days, grounds, inspectors] = text.slice(1).split("\r\n\r\n").map((block) => parse(block) as string[][]);
    const s = ruSupervisor.stats;
    // Decision 067: who decided, as the page's per-inspector table has it.
    expect(inspectors[0]).toEqual([s.inspector, ruSupervisor.scope.office, s.decided, s.onTime, `${s.onTimeShare}, %`, s.granted, s.refused, s.averageMinutes]);
    expect(inspectors.slice(1).map((r) => [r[0], r[1], ...r.slice(2).map(num)])).toEqual(figures.byInspector.map((i) => [i.inspectorName, i.officeCode, ...figureRow(i)]));
    expect(figures.byInspector.reduce((n, i) => n + i.decided, 0)).toBe(figures.totals.decided);
    // Decision 067: the download names staff, so it is journaled, with what it held.
    const [logged] = await queryRows<{ office_code: string; after: Record<string, unknown> }>(h.db, sql`select office_code, after from journal_entries where action = 'stats.exported' order by id desc limit 1`);
    expect(logged).toMatchObject({ office_code: "061", after: { offices: ["061"], from: "2025-03-09", to: "2025-03-11", format: "csv" } });
    expect(days[0]).toEqual([s.day, s.decided, s.onTime, `${s.onTimeShare}, %`, s.granted, s.refused, s.averageMinutes]);
    expect(days.slice(1, -1).map((r) => r[0])).toEqual(figures.days.map((d) => d.day));
    expect(days.slice(1, -1).map((r) => r.slice(1).map(num))).toEqual(figures.days.map(figureRow));
    expect(days.at(-1)).toEqual([s.export.total, ...figureRow(figures.totals).map((v) => (v === null ? "" : String(v)))]);
    // The tenth: 3 decisions, 2 within 20 minutes (67 %), 15 minutes on average.
    expect(days[2]).toEqual(["2025-03-10", "3", "2", "67", "2", "1", "15"]);
    expect(grounds[0]).toEqual([s.export.ground, s.refused]);
    expect(grounds.slice(1)).toEqual(figures.refusalsByGround.map((g) => [s.grounds[g.ground as keyof typeof s.grounds], String(g.count)]));
  });

  it("XLSX: the same figures as numbers, days as dates, one sheet per table, in Kyrgyz for a Kyrgyz reader", async () => {
    const figures = await pageFigures();
    const request = getRequest(`/desk/stats/export?format=xlsx&${PERIOD}`, cookies.supervisor);
    request.headers.set("Accept-Language", "ky");
    const res = await call((statsExport as RouteModule).loader!, request);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(res.headers.get("content-disposition")).toContain(`filename*=UTF-8''${encodeURIComponent("статистика-061-2025-03-09-2025-03-11.xlsx")}`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ExcelJS.Buffer);
    const s = kySupervisor.stats;
    // Decision 067: the per-inspector table follows the page's own (one office: no per-office table).
    expect(workbook.worksheets.map((w) => w.name)).toEqual([s.tableTitle, s.groundsTitle.slice(0, 31), s.byInspectorTitle]);
    const inspectors = (workbook.worksheets[2].getSheetValues().slice(2) as ExcelJS.CellValue[][]).map((r) => r.slice(1));
    expect(inspectors).toEqual(figures.byInspector.map((i) => [i.inspectorName, i.officeCode, ...figureRow(i).map((v) => (v === null ? undefined : v))]));
    const sheet = workbook.worksheets[0];
    const rows = sheet.getSheetValues().slice(1) as ExcelJS.CellValue[][];
    expect(rows[0].slice(1)).toEqual([s.day, s.decided, s.onTime, `${s.onTimeShare}, %`, s.granted, s.refused, s.averageMinutes]);
    const dayRows = rows.slice(1, -1);
    expect(dayRows.map((r) => (r[1] as Date).toISOString().slice(0, 10))).toEqual(figures.days.map((d) => d.day));
    expect(sheet.getCell("A2").numFmt).toBe("dd.mm.yyyy");
    expect(dayRows.map((r) => figureRow({ decided: r[2], onTime: r[3], onTimeShare: r[4] ?? null, granted: r[5], refused: r[6], averageMinutes: r[7] ?? null } as never))).toEqual(
      figures.days.map(figureRow),
    );
    expect(rows.at(-1)!.slice(1)).toEqual([s.export.total, ...figureRow(figures.totals)]);
    expect(sheet.getRow(rows.length).font?.bold).toBe(true);
    const grounds = (workbook.worksheets[1].getSheetValues().slice(2) as ExcelJS.CellValue[][]).map((r) => r.slice(1));
    expect(grounds).toEqual(figures.refusalsByGround.map((g) => [s.grounds[g.ground as keyof typeof s.grounds], g.count]));
  });

  it("holds the downloading supervisor's own office only, as the page does; refuses an unknown format and a wrong period", async () => {
    const other = await pageFigures(cookies.otherSupervisor);
    expect(other.officeCode).toBe("062");
    const res = await call((statsExport as RouteModule).loader!, getRequest(`/desk/stats/export?format=csv&${PERIOD}`, cookies.otherSupervisor));
    const [days] = (await res.text()).split("\r\n\r\n").map((block) => parse(block) as string[][]);
    expect(days.at(-1)!.slice(1, 2)).toEqual(["0"]);
    expect(res.headers.get("content-disposition")).toContain("statistics-062-");
    expect((await call((statsExport as RouteModule).loader!, getRequest(`/desk/stats/export?format=pdf&${PERIOD}`, cookies.supervisor))).status).toBe(400);
    expect((await call((statsExport as RouteModule).loader!, getRequest("/desk/stats/export?format=csv&from=2025-03-11&to=2025-03-09", cookies.supervisor))).status).toBe(400);
  });
});

/** Every entry the journal page lists for a filter, walking its pages as the administrator would. */
async function journalPageEntries(query: string) {
  const seen: { at: string; action: string; officeCode: string | null; role: string; actorName: string | null; subjectInn: string | null; chain: string; seq: number }[] = [];
  let url = `/admin/journal?${query}`;
  for (let pages = 0; pages < 50; pages++) {
    const res = await call((journalPage as RouteModule).loader!, getRequest(url, cookies.admin));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { entries: typeof seen; next: string | null };
    seen.push(...body.entries);
    if (!body.next) break;
    url = `/admin/journal?${query}&after=${encodeURIComponent(body.next)}`;
  }
  return seen;
}

const label = (action: string) => (ru.actions as Record<string, string>)[journalActionKey(action)];

describe("the journal download", () => {
  it("CSV: every entry the filter selects, in the page's order and words, the download itself journaled first", async () => {
    const before = await journalPageEntries(`inn=${innA}`);
    const res = await call((journalExport as RouteModule).loader!, asRussian(getRequest(`/admin/journal/export?format=csv&inn=${innA}`, cookies.admin)));
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="journal-\d{4}-\d\d-\d\d-\d{4}\.csv"; filename\*=UTF-8''%D0%B6%D1%83%D1%80%D0%BD%D0%B0%D0%BB-/);
    const rows = parse(await res.text(), { bom: true }) as string[][];
    expect(rows[0]).toEqual([
      `${ru.columns.at} (Asia/Bishkek)`,
      ru.columns.event,
      ru.columns.office,
      ru.columns.role,
      ru.columns.actor,
      ru.columns.inn,
      `${ru.columns.change}: ${ru.columns.before}`,
      `${ru.columns.change}: ${ru.columns.after}`,
      ru.columns.seq,
    ]);
    // The page after the download lists the download on top, then what it listed before.
    const after = await journalPageEntries(`inn=${innA}`);
    expect(after.slice(1)).toEqual(before);
    expect(after[0]).toMatchObject({ action: "journal.exported", role: "admin", officeCode: null, subjectInn: innA });
    expect(rows.slice(1).map((r) => [r[0], r[1], r[2], r[3], r[4], r[5], r[8]])).toEqual(
      after.map((e) => [wallTime(new Date(e.at), "Asia/Bishkek"), label(e.action), e.officeCode ?? ru.noOffice, ru.roles[e.role as keyof typeof ru.roles], e.actorName ?? "", e.subjectInn ?? "", `${e.chain}#${e.seq}`]),
    );
    expect(rows[1][1]).toBe("Администратор выгрузил выборку из журнала");
    expect(JSON.parse(rows[1][7])).toMatchObject({ format: "csv", filters: { inn: innA, office: null } });
    expect(rows.some((r) => r[4] === "Выгрузкина Айгүл")).toBe(true);
  });

  it("XLSX: the same rows, times as dates in the office's zone, an INN as text", async () => {
    const res = await call((journalExport as RouteModule).loader!, asRussian(getRequest(`/admin/journal/export?format=xlsx&office=061&action=application.granted`, cookies.admin)));
    expect(res.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.name).toBe(ru.admin.title);
    const rows = (sheet.getSheetValues().slice(2) as ExcelJS.CellValue[][]).map((r) => r.slice(1));
    const page = await journalPageEntries("office=061&action=application.granted");
    expect(page).toHaveLength(2);
    expect(rows.map((r) => [(r[0] as Date).toISOString().slice(0, 19).replace("T", " "), r[1], r[5], r[8]])).toEqual(
      page.map((e) => [wallTime(new Date(e.at), "Asia/Bishkek"), label(e.action), e.subjectInn, `${e.chain}#${e.seq}`]),
    );
    expect(typeof rows[0][5]).toBe("string");
  });

  it("refuses an unknown format and a filter the page would drop, and journals nothing then", async () => {
    const count = async () => (await queryRows<{ n: number }>(h.db, sql`select count(*)::int as n from journal_entries where action = 'journal.exported'`))[0].n;
    const was = await count();
    for (const query of ["format=ods", "format=csv&inn=123", "format=csv&from=2025-02-30"]) {
      expect((await call((journalExport as RouteModule).loader!, getRequest(`/admin/journal/export?${query}`, cookies.admin))).status, query).toBe(400);
    }
    expect(await count()).toBe(was);
  });
});

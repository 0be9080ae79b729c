import { readFile } from "node:fs/promises";
import { expect, test, type Download, type Page } from "@playwright/test";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { demoRegistry } from "../../db/seed/demo-data";
import { expectAccessible, saveScreenshot } from "./a11y";
import { say } from "./catalog";
import { hydrated, signIn, signOut } from "./demo";
import { applyOnline, grantAtDesk } from "./flows";

// Decision 066: the supervisor downloads the statistics as CSV and XLSX and finds the page's
// figures in them; the administrator downloads the journal filter and finds the page's entries.
test.describe.configure({ mode: "serial" });

// A subject of office 002 no other browser test uses: the last generated entrepreneur (the
// other tests take generated individuals).
const registry = demoRegistry();
const evidenceInns = new Set(registry.evidence.map((e) => e.inn));
const SUBJECT = registry.taxpayers.filter((t, i) => t.officeCode === "002" && i >= 16 && !evidenceInns.has(t.inn) && t.subjectType === "entrepreneur" && t.registrationStatus === "registered").at(-1)!;

/** The rows of a page table as its cells' text. */
async function tableRows(page: Page, name: RegExp | string): Promise<string[][]> {
  const table = page.getByRole("table", { name });
  return table.locator("tbody tr").evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll("th, td")].map((c) => (c.textContent ?? "").trim())));
}

async function downloaded(page: Page, testId: string): Promise<{ download: Download; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId(testId).click()]);
  return { download, bytes: await readFile((await download.path())!) };
}

/** A figure of the file as the Russian page writes it: 12.5 → «12,5», none → «—». */
const asPage = (cell: ExcelJS.CellValue | undefined) => (cell === "" || cell === null || cell === undefined ? "—" : new Intl.NumberFormat("ru", { maximumFractionDigits: 1 }).format(Number(cell)));
const isoToPage = (day: string) => `${day.slice(8, 10)}.${day.slice(5, 7)}.${day.slice(0, 4)}`;

test("a decision is made at office 002's front desk", async ({ page }) => {
  const code = await applyOnline(page, { inn: SUBJECT.inn, password: "Vygruzka#2026", subjectType: "entrepreneur", name: "Выгрузкин Тест" });
  await grantAtDesk(page, "inspector", SUBJECT.inn, code);
  await signOut(page);
});

test("the supervisor downloads the statistics as CSV and XLSX and finds the figures of the page", async ({ page }) => {
  await signIn(page, "supervisor");
  await page.goto("/desk/stats");
  await hydrated(page);
  const shown = await tableRows(page, /Решения по дням/);
  expect(shown.length).toBe(14);
  const decidedToday = Number(shown.at(-1)![1]);
  expect(decidedToday).toBeGreaterThanOrEqual(1);
  const group = page.getByRole("group", { name: say("ru", "supervisor:stats.export.label") });
  await expect(group.getByRole("link", { name: "CSV" })).toBeVisible();
  await expectAccessible(page);
  await saveScreenshot(page, "statistics-downloads");

  const csv = await downloaded(page, "download-csv");
  expect(csv.download.suggestedFilename()).toMatch(/^статистика-002-\d{4}-\d\d-\d\d-\d{4}-\d\d-\d\d\.csv$/);
  expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const [days, grounds] = csv.bytes.toString("utf8").slice(1).split("\r\n\r\n").map((block) => parse(block) as string[][]);
  expect(days[0][0]).toBe("День");
  const body = days.slice(1, -1);
  // Every day of the page's table, figure for figure (the share without its «%», the mean in the page's decimal comma).
  expect(body.map((r) => [isoToPage(r[0]), r[1], r[2], r[3] === "" ? "—" : `${r[3]}%`, r[4], r[5], asPage(r[6])])).toEqual(shown);
  // The totals row carries the summary figures above the charts.
  const total = days.at(-1)!;
  expect(total[0]).toBe("Итого");
  await expect(page.getByRole("list", { name: "Итоги периода" }).locator(".kpi-value").first()).toHaveText(total[1]);
  await expect(page.getByTestId("on-time-share")).toHaveText(total[3] === "" ? "—" : `${total[3]}%`);
  expect(grounds[0]).toEqual(["Основание", "Отказано"]);

  const xlsx = await downloaded(page, "download-xlsx");
  expect(xlsx.download.suggestedFilename()).toMatch(/^статистика-002-.*\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(xlsx.bytes as unknown as ExcelJS.Buffer);
  const sheetRows = (workbook.worksheets[0].getSheetValues().slice(2) as ExcelJS.CellValue[][]).map((r) => r.slice(1));
  expect(sheetRows.slice(0, -1).map((r) => [isoToPage((r[0] as Date).toISOString()), ...r.slice(1, 3).map(asPage), r[3] == null ? "—" : `${r[3]}%`, ...r.slice(4, 6).map(asPage), asPage(r[6])])).toEqual(shown);
});

test("the administrator downloads the journal filtered by the subject and finds the page's entries, the download first", async ({ page }) => {
  await signIn(page, "admin");
  await page.goto(`/admin/journal?inn=${SUBJECT.inn}`);
  await hydrated(page);
  const shown = await tableRows(page, "Записи журнала, новые сверху");
  const csv = await downloaded(page, "download-csv");
  expect(csv.download.suggestedFilename()).toMatch(/^журнал-\d{4}-\d\d-\d\d-\d{4}\.csv$/);
  const rows = parse(csv.bytes, { bom: true }) as string[][];
  expect(rows[1][1]).toBe("Администратор выгрузил выборку из журнала");
  // After the download's own entry: the page's entries, event for event, office, role, staff member.
  expect(rows.slice(2).map((r) => [r[1], r[2], r[3], r[4] || "—"])).toEqual(shown.map((r) => [r[1], r[2], r[3], r[4]]));
  // The page now lists the download on top.
  await page.reload();
  await expect(page.getByRole("table", { name: "Записи журнала, новые сверху" }).locator("tbody tr").first()).toContainText("Администратор выгрузил выборку из журнала");
});

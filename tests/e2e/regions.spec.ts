import { expect, test, type Page } from "@playwright/test";
import { demoRegistry } from "../../db/seed/demo-data";
import { expectAccessible, saveScreenshot } from "./a11y";
import { hydrated, signIn, signOut } from "./demo";
import { applyOnline, grantAtDesk, presentAtDesk } from "./flows";

// Decision 067: the head of Bishkek's offices (supervisor.bishkek, employed at 004) sees the
// boards and statistics of 002 and 003 and cannot act on an application of either.
test.describe.configure({ mode: "serial" });

const registry = demoRegistry();
const evidenceInns = new Set(registry.evidence.map((e) => e.inn));
/** Registered entrepreneurs of an office that no other browser test uses: the last ones generated. */
const unused = (office: string) => registry.taxpayers.filter((t) => t.officeCode === office && !evidenceInns.has(t.inn) && t.subjectType === "entrepreneur" && t.registrationStatus === "registered");
const SUBJECTS = { "002": unused("002").at(-2)!, "003": unused("003").at(-1)! };
const DECIDED = unused("002").at(-3)!;
const pages: Record<string, string> = {};

async function rowsOf(page: Page, name: RegExp) {
  return page.getByRole("table", { name }).locator("tbody tr").evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll("th, td")].map((c) => (c.textContent ?? "").trim())));
}

test("an application waits on the board of office 002 and of office 003", async ({ page }) => {
  for (const [office, who] of [["002", "inspector"], ["003", "otherInspector"]] as const) {
    const subject = SUBJECTS[office];
    const code = await applyOnline(page, { inn: subject.inn, password: "Regiony#2026", subjectType: "entrepreneur", name: `Региональный ${office}` });
    pages[office] = await presentAtDesk(page, who, subject.inn, code);
    await signOut(page);
  }
});

test("a decision is made at office 002, for the region's statistics", async ({ page }) => {
  const code = await applyOnline(page, { inn: DECIDED.inn, password: "Regiony#2026", subjectType: "entrepreneur", name: "Решённый 002" });
  await grantAtDesk(page, "inspector", DECIDED.inn, code);
  await signOut(page);
});

test("the regional supervisor sees both offices' boards, view only", async ({ page }) => {
  await signIn(page, "regional");
  await page.goto("/desk/board");
  await hydrated(page);
  const offices = await rowsOf(page, /Отделы под надзором/);
  expect(offices.map((r) => r[0].slice(0, 3))).toEqual(["004", "002", "003"]);
  await expectAccessible(page);
  await saveScreenshot(page, "regional-board");

  for (const office of ["002", "003"] as const) {
    await page.getByRole("table", { name: /Отделы под надзором/ }).getByRole("link", { name: new RegExp(`^${office} — `) }).click();
    await page.waitForURL(new RegExp(`/desk/board\\?office=${office}$`));
    await expect(page.getByRole("heading", { level: 1 })).toContainText(office);
    await expect(page.getByTestId("view-only")).toBeVisible();
    const waiting = page.getByRole("table", { name: /Решения по заявлениям/ }).locator("tr", { hasText: SUBJECTS[office].inn });
    await expect(waiting).toHaveCount(1);
    // The row names the application and opens nothing: acting is the office's own (R13).
    await expect(waiting.getByRole("link")).toHaveCount(0);
  }
  await saveScreenshot(page, "regional-board-003");
});

test("the regional supervisor cannot act on either office's application", async ({ page }) => {
  await signIn(page, "regional");
  for (const office of ["002", "003"] as const) {
    const response = await page.goto(pages[office]);
    expect(response?.status()).toBe(403);
    await hydrated(page);
    await expect(page.getByRole("button", { name: /Принять заявление|Предоставить доступ|Отказать|Вернуть/ })).toHaveCount(0);
  }
  // Nor through the board's form of another office: an office outside the region is refused.
  expect((await page.goto("/desk/board?office=008"))?.status()).toBe(403);
});

test("the regional supervisor's statistics cover the region, per office and per inspector", async ({ page }) => {
  await signIn(page, "regional");
  await page.goto("/desk/stats");
  await hydrated(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Статистика отделов (3)");
  const byOffice = await rowsOf(page, /^По отделам$/);
  expect(byOffice.map((r) => r[0].slice(0, 3))).toEqual(["004", "002", "003"]);
  // The inspector who decided, under the office where they decided.
  const byInspector = await rowsOf(page, /^По инспекторам$/);
  expect(byInspector).toContainEqual(expect.arrayContaining(["Мамытова Айгерим Бакытовна", "002"]));
  await expectAccessible(page);
  await saveScreenshot(page, "regional-statistics");
  // One office of the region: the office's own figures, the same as its own supervisor sees.
  await page.getByLabel("Отдел", { exact: true }).selectOption("003");
  await page.getByRole("button", { name: "Показать" }).click();
  await page.waitForURL(/office=003/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Статистика отдела 003");
});

test("the administrator's page of a staff member shows their jurisdiction, history and acts", async ({ page }) => {
  await signIn(page, "admin");
  await page.goto("/admin/staff");
  await hydrated(page);
  await page.getByRole("link", { name: "supervisor.bishkek", exact: true }).click();
  await page.waitForURL(/\/admin\/staff\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Орозбаева Айнура Кадырбековна");
  await expect(page.getByLabel("Видит")).toHaveValue("region");
  await expect(page.getByLabel("Регион", { exact: true })).toHaveValue("BSH");
  // Disabling asks for the reason before anything is sent.
  await expect(page.getByLabel("Причина отключения")).toHaveAttribute("required", "");
  // What they did: their sign-ins are in the journal, and the link opens the journal filtered to them.
  await expect(page.getByRole("table", { name: /Последние записи журнала/ })).toContainText("Вход сотрудника");
  await expectAccessible(page);
  await saveScreenshot(page, "staff-member");
  await page.getByRole("link", { name: /в журнале/ }).click();
  await page.waitForURL(/\/admin\/journal\?actor=/);
  await expect(page.locator("table").last()).toContainText("Орозбаева Айнура Кадырбековна");
});

test("the administrator renames a region, is told why one in use stays, and deletes an empty one", async ({ page }) => {
  await signIn(page, "admin");
  await page.goto("/admin/offices");
  await hydrated(page);
  await page.getByLabel("Код региона", { exact: true }).fill("TMP");
  await page.getByLabel("Название региона", { exact: true }).fill("Временный");
  await page.getByRole("button", { name: "Создать регион" }).click();
  await expect(page.getByText("Регион TMP создан.")).toBeVisible();
  // The form is ready for the next region, not showing the one just made.
  await expect(page.getByLabel("Код региона", { exact: true })).toHaveValue("");

  await page.getByLabel("Название региона: TMP").fill("Временный регион");
  await page.getByRole("button", { name: "Переименовать: TMP" }).click();
  await expect(page.getByText("Регион TMP переименован.")).toBeVisible();
  // The stored name, read again from the server (the field would keep what was typed anyway).
  await page.reload();
  await expect(page.getByLabel("Название региона: TMP")).toHaveValue("Временный регион");
  await expect(page.getByRole("table", { name: "Регионы" })).toContainText("TMP");

  // Bishkek's region has offices and a supervisor who sees it: it stays, and the page says why.
  await page.getByRole("button", { name: "Удалить: BSH" }).click();
  await expect(page.getByTestId("region-refusal")).toContainText("BSH: В регионе есть отделы");
  await expect(page.getByLabel("Название региона: BSH")).toBeVisible();
  await expectAccessible(page);
  await saveScreenshot(page, "admin-regions");

  await page.getByRole("button", { name: "Удалить: TMP" }).click();
  await expect(page.getByText("Регион TMP удалён.")).toBeVisible();
  await expect(page.getByLabel("Название региона: TMP")).toHaveCount(0);
});

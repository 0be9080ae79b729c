import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, saveScreenshot } from "./a11y";
import { createApiKey, verifyCredentials } from "./api";
import { DEMO_INNS, signIn, signOut } from "./demo";
import { applyOnline, grantAtDesk } from "./flows";

// R21 with four eyes, end to end: the subject gets access at the front desk, an inspector records
// evidence and proposes (access suspended at once), a supervisor of the office approves.
test.describe.configure({ mode: "serial" });

const INN = DEMO_INNS.registered["002"].foreignResident;
const PASSWORD = "Fiktiv#2026x";
let login = "";
let apiKey = "";
let annulmentId = "";
let grantNumber = "";

/** The CSRF token the page carries (every form has it), for the forged posts. */
async function csrfOf(page: Page) {
  return page.locator('input[name="csrf"]').first().inputValue();
}

test("a subject gets access through the public form and the front desk", async ({ page, browser }) => {
  const code = await applyOnline(page, { inn: INN, password: PASSWORD, subjectType: "foreign_resident", name: "Фиктивов Тест" });
  login = await grantAtDesk(page, "inspector", INN, code);
  // The decision is printed and handed over, as at the front desk: its paper is what /verify checks later.
  grantNumber = ((await page.getByRole("heading", { name: /^Решение № / }).textContent()) ?? "").replace(/^Решение № /, "").trim();
  const form = page.locator('form:has(button[data-print="decision"])');
  const pdf = await page.request.post((await form.getAttribute("action"))!, { form: { csrf: await form.locator('input[name="csrf"]').inputValue(), what: "decision" } });
  expect(pdf.status()).toBe(200);
  apiKey = await createApiKey(browser);
  expect(await verifyCredentials(page.request, apiKey, login, PASSWORD)).toMatchObject({ valid: true, active: true });
});

test("search finds the subject; the card shows the forgotten login; the inspector records evidence and proposes; access is suspended", async ({ page }) => {
  await signIn(page, "inspector");
  await page.goto("/desk/search");
  await page.getByLabel("ИНН, наименование, код заявления или логин").fill(login.toUpperCase());
  await page.getByRole("button", { name: "Найти" }).click();
  await expect(page).toHaveURL(/\/desk\/search\?q=/);
  await expectAccessible(page);
  await page.getByRole("link", { name: INN }).click();
  await expect(page).toHaveURL(`/desk/subjects/${INN}`);
  await expect(page.getByTestId("login")).toHaveText(login);
  await expect(page.getByTestId("account-status")).toHaveText("Активен");
  await expectAccessible(page);

  // The view of the card is journaled (RU seed: the login lookup), with the inspector's name for staff.
  await expect(page.getByRole("table", { name: "События по субъекту, новые сверху" }).getByRole("row").nth(1)).toContainText("Сотрудник просмотрел карточку субъекта");

  await page.getByText("Внести сведения", { exact: true }).first().click();
  await page.getByLabel("Номер документа").fill("ФД-2026/17");
  await page.getByLabel("Дата документа").fill("2026-01-15");
  await page.getByLabel("Кем выдан").fill("Служба экономических расследований");
  await page.getByRole("button", { name: "Внести сведения" }).click();
  await expect(page.getByRole("status")).toHaveText("Сведения внесены.");
  await expect(page.getByRole("table", { name: "Сведения о фиктивной деятельности" })).toContainText("ФД-2026/17");

  await page.getByRole("button", { name: "Предложить аннулирование" }).click();
  await expect(page.getByRole("status")).toContainText("Аннулирование предложено");
  await expect(page.getByTestId("account-status")).toHaveText("Приостановлен");
  expect(await verifyCredentials(page.request, apiKey, login, PASSWORD)).toMatchObject({ active: false });
  await expectAccessible(page);
});

test("the proposing inspector cannot approve: no control, and a forged post is refused with 403", async ({ page }) => {
  await signIn(page, "inspector");
  await page.goto("/desk/approvals");
  const row = page.getByRole("row", { name: new RegExp(INN) });
  await expect(row).toContainText("Ваше предложение");
  await expect(page.getByRole("button", { name: /Утвердить/ })).toHaveCount(0);
  await expectAccessible(page);
  // The id is on the supervisor's form only: take it from there and forge the inspector's post.
  const res = await page.request.post("/desk/approvals", { form: { csrf: await csrfOf(page), intent: "approve", annulmentId: await proposalId(page) } });
  expect(res.status()).toBe(403);
});

/** The proposal's id, as the supervisor's approval form carries it. */
async function proposalId(page: Page): Promise<string> {
  if (annulmentId) return annulmentId;
  const context = await page.context().browser()!.newContext();
  const sup = await context.newPage();
  await signIn(sup, "supervisor");
  await sup.goto("/desk/approvals");
  annulmentId = await sup.getByRole("row", { name: new RegExp(INN) }).locator('input[name="annulmentId"]').first().inputValue();
  await context.close();
  return annulmentId;
}

test("an inspector of another office is refused every action on the 002 subject", async ({ page }) => {
  const id = await proposalId(page);
  await signIn(page, "otherInspector");
  const card = await page.goto(`/desk/subjects/${INN}`);
  expect(card?.status()).toBe(403);
  await expect(page.getByRole("alert")).toContainText("Управление ГНС по Ленинскому району г. Бишкек, 720040, г. Бишкек, ул. Льва Толстого, 17 (код 002)");
  await expect(page.getByTestId("login")).toHaveCount(0);
  await expectAccessible(page);
  const csrf = await csrfOf(page);
  const evidence = await page.request.post(`/desk/subjects/${INN}`, {
    form: { csrf, intent: "evidence", kind: "fictitious_supplies", documentNumber: "X-1", documentDate: "2026-01-01", issuer: "Чужой орган" },
  });
  expect(evidence.status()).toBe(403);
  const propose = await page.request.post(`/desk/subjects/${INN}`, { form: { csrf, intent: "propose", evidenceId: id } });
  expect(propose.status()).toBe(403);
  const approve = await page.request.post("/desk/approvals", { form: { csrf, intent: "approve", annulmentId: id } });
  expect(approve.status()).toBe(403);
  const reject = await page.request.post("/desk/approvals", { form: { csrf, intent: "reject", annulmentId: id, reason: "чужой" } });
  expect(reject.status()).toBe(403);
  const print = await page.request.post(`/desk/subjects/${INN}/journal.pdf`, { form: { csrf }, maxRedirects: 0 });
  expect(print.headers()["content-type"] ?? "").not.toContain("application/pdf");
  // Nothing changed: the card still shows one piece of evidence to its own office.
  await signOut(page);
  await signIn(page, "inspector");
  await page.goto(`/desk/subjects/${INN}`);
  await expect(page.getByRole("table", { name: "Сведения о фиктивной деятельности" }).getByRole("row")).toHaveCount(2);
});

test("the supervisor sees the proposal on the board and approves it; credentials are invalid at once", async ({ page }) => {
  await signIn(page, "supervisor");
  await page.goto("/desk/board");
  await expect(page.getByRole("table", { name: /Предложения на согласовании/ })).toContainText(INN);
  await expectAccessible(page);
  await page.goto("/desk/approvals");
  await expectAccessible(page);
  await page.getByRole("button", { name: `Утвердить аннулирование: ${INN}` }).click();
  await expect(page.getByRole("status")).toContainText("Аннулирование утверждено");
  expect(await verifyCredentials(page.request, apiKey, login, PASSWORD)).toMatchObject({ valid: false, active: false });
  await page.goto(`/desk/subjects/${INN}`);
  await expect(page.getByTestId("account-status")).toHaveText("Аннулирован");
  // The grant's paper is still genuine, but /verify says it no longer has effect, and by which act (decision 061).
  await page.getByRole("link", { name: new RegExp(grantNumber) }).click();
  await page.waitForURL(/\/verify\//);
  await expect(page.getByTestId("verdict")).toHaveText("Документ подлинный");
  await expect(page.getByTestId("standing")).toContainText(/Больше не действует с \d{2}\.\d{2}\.\d{4} \d{2}:\d{2}: доступ аннулирован в связи с фиктивной деятельностью, № 002-AN-\d{4}-\d{6}/);
  await saveScreenshot(page, "verify-grant-no-longer-in-force");
  await page.goto(`/desk/subjects/${INN}`);
  // The journal extract for the subject prints as a numbered PDF of the office.
  const res = await page.request.post(`/desk/subjects/${INN}/journal.pdf`, { form: { csrf: await csrfOf(page) } });
  expect(res.status()).toBe(200);
  expect(res.headers()["content-disposition"]).toMatch(/filename="002-JE-\d{4}-\d{6}\.pdf"/);
});

test("statistics show the office's decisions as charts with a table", async ({ page }) => {
  await signIn(page, "supervisor");
  await page.goto("/desk/stats");
  await expect(page.getByRole("img", { name: "Доля решений в течение 20 минут, по дням" })).toBeVisible();
  await expect(page.getByRole("table", { name: /Решения по дням/ })).toBeVisible();
  await expect(page.getByTestId("on-time-share")).toHaveText(/^\d+%$/);
  await expectAccessible(page);
  await saveScreenshot(page, "statistics");
});

test("the administrator filters the journal by INN and verifies the chain", async ({ page }) => {
  await signIn(page, "admin");
  await page.goto("/admin/journal");
  await page.getByLabel("ИНН").fill(INN);
  await page.getByRole("button", { name: "Показать" }).click();
  await expect(page).toHaveURL(new RegExp(`inn=${INN}`));
  const table = page.getByRole("table", { name: "Записи журнала, новые сверху" });
  await expect(table).toContainText("Аннулирование утверждено");
  await expect(table).toContainText("Жумабеков");
  await page.getByRole("button", { name: "Проверить цепочку" }).click();
  await expect(page.getByTestId("verification")).toContainText("Цепочка цела");
  await expectAccessible(page);
});

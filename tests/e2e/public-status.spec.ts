import { expect, test, type Page } from "@playwright/test";
import { expectAccessible } from "./a11y";
import { DEMO_INNS } from "./demo";

// The rate-limit test exhausts this address's lookups for ten minutes: it runs last in the file.
test.describe.configure({ mode: "serial" });

const INN = DEMO_INNS.registered["004"].individual;
let code = "";

async function lookUp(page: Page, inn: string, c: string) {
  await page.goto("/status");
  // Filled once the page is interactive, so the form is sent as a browser with scripts sends it.
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await page.getByLabel("ИНН").fill(inn);
  await page.getByLabel("Код заявления").fill(c);
  await page.getByRole("button", { name: "Узнать статус" }).click();
}

test("a saved application: the status says saved and lists its own journal; the code never goes into the URL", async ({ page }) => {
  await page.goto("/apply");
  await page.getByRole("radio", { name: "Предоставить доступ" }).check();
  await page.getByLabel("ИНН", { exact: true }).fill(INN);
  await page.getByLabel("ФИО или наименование").fill("Статусова Жибек");
  await page.getByLabel("Телефон").fill("+996 555 123 456");
  await page.getByLabel("Пароль", { exact: true }).fill("Salyk#2026s");
  await page.getByLabel("Повторите пароль").fill("Salyk#2026s");
  await page.getByRole("button", { name: "Сохранить заявление" }).click();
  await page.waitForURL(/\/apply\/done/);
  code = (await page.getByTestId("application-code").textContent())?.trim() ?? "";

  await lookUp(page, INN, code.toLowerCase());
  await expect(page.getByTestId("status-stage")).toHaveText("Сохранено онлайн — ждёт представления в налоговый орган");
  // The URL the lookup leaves, awaited: the page can show the answer a moment before the address
  // changes. A POST to the index route ends on its action, "?index", with neither code nor INN.
  await expect(page).toHaveURL(/\/status\?index$/);
  const journal = page.getByRole("table", { name: "События заявления, по времени" });
  await expect(journal.getByRole("row")).toHaveCount(2);
  await expect(journal).toContainText("Заявление сохранено онлайн");
  await expect(journal).toContainText("Заявитель");
  // Nothing personal beyond the stage: the name typed into the form is not on the page.
  await expect(page.locator("main")).not.toContainText("Статусова");
  await expectAccessible(page);

  // The extract prints through a POST too, office-less, numbered in the online series.
  const form = page.locator('form[action="/status/journal.pdf"]');
  const pdf = await page.request.post("/status/journal.pdf", {
    form: { csrf: await form.locator('input[name="csrf"]').inputValue(), inn: INN, code },
  });
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect(pdf.headers()["content-disposition"]).toMatch(/filename="WEB-JE-\d{4}-\d{6}\.pdf"/);

  // The print is journaled and shows up in the application's journal.
  await lookUp(page, INN, code);
  await expect(page.getByRole("table", { name: "События заявления, по времени" })).toContainText("Напечатан документ");
});

test("a wrong code says not found, a mistyped one says so, and the page stays usable", async ({ page }) => {
  await lookUp(page, DEMO_INNS.registered["004"].entrepreneur, code);
  await expect(page.getByTestId("status-problem")).toHaveText("Заявление с таким ИНН и кодом не найдено. Проверьте ИНН и код.");
  await expect(page.getByTestId("status-result")).toHaveCount(0);
  await expectAccessible(page);
  const typo = code.replace(/-/g, "").slice(0, -1) + (code.endsWith("2") ? "3" : "2");
  await lookUp(page, INN, typo);
  await expect(page.getByTestId("status-problem")).toContainText("В коде опечатка");
});

test("after many tries from one address the lookup is rate-limited, even with the right code", async ({ page }) => {
  // Its own client address (the test server trusts X-Forwarded-For, as behind the office proxy),
  // so the limit it reaches does not block the other tests' lookups from 127.0.0.1.
  await page.setExtraHTTPHeaders({ "X-Forwarded-For": "203.0.113.77" });
  let limited = false;
  for (let i = 0; i < 25 && !limited; i++) {
    await lookUp(page, INN, "2345-6789-AB");
    limited = (await page.getByTestId("status-problem").textContent())?.startsWith("Слишком много попыток") ?? false;
  }
  expect(limited).toBe(true);
  await lookUp(page, INN, code);
  await expect(page.getByTestId("status-problem")).toContainText("Слишком много попыток");
  await expect(page.getByTestId("status-result")).toHaveCount(0);
});

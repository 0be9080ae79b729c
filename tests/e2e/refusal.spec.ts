import { expect, test } from "@playwright/test";
import { expectAccessible } from "./a11y";
import { createApiKey, verifyCredentials } from "./api";
import { DEMO_INNS } from "./demo";
import { applyOnline, grantAtDesk } from "./flows";

// UA seed: the subject refuses electronic interaction online, with login and password; access ends
// at the start of the next office day, and the subject sees the refusal in their own journal.
const INN = DEMO_INNS.registered["003"].individual;
const PASSWORD = "Otkaz#2026z";

test("the public refusal page, then the status page shows the refusal in the subject's journal", async ({ page, browser }) => {
  const code = await applyOnline(page, { inn: INN, password: PASSWORD, name: "Отказова Бермет" });
  const login = await grantAtDesk(page, "otherInspector", INN, code);
  await page.getByRole("button", { name: "Выйти" }).click();

  await page.goto("/refuse");
  await expectAccessible(page);
  await page.getByLabel("Логин").fill(login);
  await page.getByLabel("Пароль").fill("Wrong#2026z");
  await page.getByRole("checkbox").check();
  await page.getByRole("button", { name: "Отказаться" }).click();
  await expect(page.getByRole("alert")).toHaveText("Неверный логин или пароль.");

  await page.getByLabel("Логин").fill(login);
  await page.getByLabel("Пароль").fill(PASSWORD);
  await page.getByRole("checkbox").check();
  await page.getByRole("button", { name: "Отказаться" }).click();
  await expect(page.getByRole("heading", { name: "Отказ принят" })).toBeVisible();
  await expect(page.getByRole("status")).toContainText("00:00");
  await expectAccessible(page);

  // Until the next office day the access continues.
  const key = await createApiKey(browser);
  expect(await verifyCredentials(page.request, key, login, PASSWORD)).toEqual({ valid: true, active: true });

  // The notice's QR target says genuine.
  await page.getByRole("link", { name: "Проверить уведомление" }).click();
  await expect(page.getByTestId("verdict")).toHaveText("Документ подлинный");

  // A second refusal gets a clear answer.
  await page.goto("/refuse");
  await page.getByLabel("Логин").fill(login);
  await page.getByLabel("Пароль").fill(PASSWORD);
  await page.getByRole("checkbox").check();
  await page.getByRole("button", { name: "Отказаться" }).click();
  await expect(page.getByRole("alert")).toContainText("Отказ уже направлен");

  await page.goto("/status");
  await page.getByLabel("ИНН").fill(INN);
  await page.getByLabel(/код/i).fill(code);
  await page.getByRole("button", { name: /Узнать|Проверить|Найти/ }).click();
  await expect(page.getByText("Получен отказ от электронного взаимодействия")).toBeVisible();
});

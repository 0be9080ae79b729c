import { expect, test } from "@playwright/test";
import { DEMO_PASSWORDS } from "./demo";

test("an inspector signs in and sees the queue, then signs out", async ({ page }) => {
  await page.goto("/desk");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fdesk/);
  await page.getByLabel("Имя пользователя").fill(DEMO_PASSWORDS.inspector.username);
  await page.getByLabel("Пароль").fill(DEMO_PASSWORDS.inspector.password);
  await page.getByRole("button", { name: "Войти" }).click();
  await expect(page).toHaveURL(/\/desk$/);
  await expect(page.getByRole("heading", { level: 1, name: "Очередь" })).toBeVisible();
  await page.getByRole("button", { name: "Выйти" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/desk");
  await expect(page).toHaveURL(/\/login/);
});

test("a wrong password gets one generic message and no session", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Имя пользователя").fill(DEMO_PASSWORDS.inspector.username);
  await page.getByLabel("Пароль").fill("Wrong-password-1!");
  await page.getByRole("button", { name: "Войти" }).click();
  await expect(page.getByRole("alert")).toHaveText("Неверное имя пользователя или пароль.");
  // An unknown user gets exactly the same words.
  await page.getByLabel("Имя пользователя").fill("nobody.here");
  await page.getByLabel("Пароль").fill("Wrong-password-1!");
  await page.getByRole("button", { name: "Войти" }).click();
  await expect(page.getByRole("alert")).toHaveText("Неверное имя пользователя или пароль.");
  await page.goto("/desk");
  await expect(page).toHaveURL(/\/login/);
});

test("an inspector opening an admin page gets the 403 page", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Имя пользователя").fill(DEMO_PASSWORDS.inspector.username);
  await page.getByLabel("Пароль").fill(DEMO_PASSWORDS.inspector.password);
  await page.getByRole("button", { name: "Войти" }).click();
  await expect(page).toHaveURL(/\/desk$/);
  const response = await page.goto("/admin/staff");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "Доступ запрещён" })).toBeVisible();
});

test("the interface switches to English and back", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tax office staff sign-in");
  await page.getByRole("button", { name: "Русский" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Вход для сотрудников налогового органа");
});

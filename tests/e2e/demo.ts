import type { Page } from "@playwright/test";
import { DEMO_INNS, DEMO_PASSWORDS as PASSWORDS } from "../../db/seed/demo-data";

export { DEMO_INNS };

/** Demo accounts of the seeded database (docs/decisions/031-demo-data.md). */
export const DEMO_PASSWORDS = {
  inspector: { username: "inspector.lenin", password: PASSWORDS.inspector },
  supervisor: { username: "supervisor.lenin", password: PASSWORDS.supervisor },
  otherInspector: { username: "inspector.oktyabr", password: PASSWORDS.inspector },
  admin: { username: "admin", password: PASSWORDS.admin },
} as const;

export async function signIn(page: Page, who: keyof typeof DEMO_PASSWORDS) {
  await page.goto("/login");
  await page.getByLabel("Имя пользователя").fill(DEMO_PASSWORDS[who].username);
  await page.getByLabel("Пароль").fill(DEMO_PASSWORDS[who].password);
  await page.getByRole("button", { name: "Войти" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Выйти" }).click();
  await page.waitForURL(/\/login/);
}

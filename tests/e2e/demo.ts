import type { Page } from "@playwright/test";
import { DEMO_INNS, DEMO_PASSWORDS as PASSWORDS } from "../../db/seed/demo-data";
import { say } from "./catalog";

export { DEMO_INNS };

/** Demo accounts of the seeded database (docs/decisions/031-demo-data.md). */
export const DEMO_PASSWORDS = {
  inspector: { username: "inspector.lenin", password: PASSWORDS.inspector },
  supervisor: { username: "supervisor.lenin", password: PASSWORDS.supervisor },
  otherInspector: { username: "inspector.oktyabr", password: PASSWORDS.inspector },
  admin: { username: "admin", password: PASSWORDS.admin },
} as const;

/** A demo account, or any staff account by its username and password. */
export type Staff = keyof typeof DEMO_PASSWORDS | { username: string; password: string };

/** Waits until the page is interactive (the root marks it): a click before would take the no-JavaScript path. */
export async function hydrated(page: Page) {
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
}

/** Signs in on the login page, found by its words in the page's language (Russian unless told). */
export async function signIn(page: Page, who: Staff, lng = "ru") {
  const account = typeof who === "string" ? DEMO_PASSWORDS[who] : who;
  await page.goto("/login");
  await hydrated(page);
  await page.getByLabel(say(lng, "auth:signIn.username")).fill(account.username);
  await page.getByLabel(say(lng, "auth:signIn.password")).fill(account.password);
  await page.getByRole("button", { name: say(lng, "auth:signIn.submit"), exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  // The URL changes before the signed-in page renders: wait for its header's sign-out button (in
  // whatever language the account chose), or a check of the header right after would see nothing.
  await page.locator('form[action="/logout"] button').waitFor();
}

export async function signOut(page: Page, lng = "ru") {
  await hydrated(page);
  await page.getByRole("button", { name: say(lng, "common:nav.signOut") }).click();
  await page.waitForURL(/\/login/);
}

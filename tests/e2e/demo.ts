import { decodeBase32IgnorePadding } from "@oslojs/encoding";
import { generateTOTP } from "@oslojs/otp";
import type { Page } from "@playwright/test";
import { DEMO_INNS, DEMO_PASSWORDS as PASSWORDS, DEMO_TOTP_KEY } from "../../db/seed/demo-data";
import { say } from "./catalog";

export { DEMO_INNS };

/**
 * Demo accounts of the seeded database (docs/decisions/031-demo-data.md). The supervisors and the
 * administrator have the demo TOTP key (decision 065).
 */
export const DEMO_PASSWORDS = {
  inspector: { username: "inspector.lenin", password: PASSWORDS.inspector },
  supervisor: { username: "supervisor.lenin", password: PASSWORDS.supervisor, totpKey: DEMO_TOTP_KEY },
  otherInspector: { username: "inspector.oktyabr", password: PASSWORDS.inspector },
  // Decision 067: sees the boards of Bishkek's offices (002, 003, 004), employed at 004.
  regional: { username: "supervisor.bishkek", password: PASSWORDS.supervisor, totpKey: DEMO_TOTP_KEY },
  admin: { username: "admin", password: PASSWORDS.admin, totpKey: DEMO_TOTP_KEY },
} as const;

/** A staff account: its username, password and, when it has a second factor, its TOTP key (base32). */
export type Account = { username: string; password: string; totpKey?: string };
/** A demo account, or any staff account. */
export type Staff = keyof typeof DEMO_PASSWORDS | Account;

/** The code an authenticator app with this base32 key shows now. */
export function totpCode(keyText: string): string {
  return generateTOTP(decodeBase32IgnorePadding(keyText.replace(/\s+/g, "").toUpperCase()), 30, 6);
}

/** Waits until the page is interactive (the root marks it): a click before would take the no-JavaScript path. */
export async function hydrated(page: Page) {
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
}

/** Signs in on the login page, found by its words in the page's language (Russian unless told). */
export async function signIn(page: Page, who: Staff, lng = "ru") {
  const account: Account = typeof who === "string" ? DEMO_PASSWORDS[who] : who;
  await page.goto("/login");
  await hydrated(page);
  await page.getByLabel(say(lng, "auth:signIn.username")).fill(account.username);
  await page.getByLabel(say(lng, "auth:signIn.password")).fill(account.password);
  await page.getByRole("button", { name: say(lng, "auth:signIn.submit"), exact: true }).click();
  await page.waitForURL((url) => url.pathname !== "/login");
  // The second step (decision 065), in the language the page now speaks (the account's own choice).
  const step = new URL(page.url()).pathname;
  if (step === "/login/two-factor") {
    // An account with a factor: the code its authenticator app would show now.
    if (!account.totpKey) throw new Error(`${account.username} has a second factor: give its TOTP key`);
    await enterCode(page, totpCode(account.totpKey), await pageLanguage(page));
    await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  } else if (step === "/account/two-factor") {
    // A new supervisor or administrator: enrols as its owner would, and keeps the key for its next sign-ins.
    const key = await enrol(page, await pageLanguage(page));
    if (typeof who !== "string") who.totpKey = key;
  }
  // The URL changes before the signed-in page renders: wait for its header's sign-out button (in
  // whatever language the account chose), or a check of the header right after would see nothing.
  await page.locator('form[action="/logout"] button').waitFor();
}

async function pageLanguage(page: Page): Promise<string> {
  await hydrated(page);
  return (await page.locator("html").getAttribute("lang")) ?? "ru";
}

/**
 * Enrols a second factor on the enrolment page the sign-in led to: the key read from the page, a
 * code from it, then on past the recovery codes. Returns the key.
 */
export async function enrol(page: Page, lng = "ru"): Promise<string> {
  await hydrated(page);
  const key = ((await page.getByTestId("totp-key").textContent()) ?? "").replace(/\s+/g, "");
  await page.getByLabel(say(lng, "auth:twoFactor.enrol.code")).fill(totpCode(key));
  await page.getByRole("button", { name: say(lng, "auth:twoFactor.enrol.submit"), exact: true }).click();
  await page.getByTestId("recovery-codes").waitFor();
  await page.getByRole("link", { name: say(lng, "auth:twoFactor.codes.continue") }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/account/two-factor"));
  return key;
}

/** Types a code (from the app, or a recovery code) on the second step of the sign-in. */
export async function enterCode(page: Page, code: string, lng = "ru") {
  await hydrated(page);
  await page.getByRole("textbox", { name: say(lng, "auth:twoFactor.code.label") }).fill(code);
  await page.getByRole("button", { name: say(lng, "auth:twoFactor.code.submit"), exact: true }).click();
}

export async function signOut(page: Page, lng = "ru") {
  await hydrated(page);
  await page.getByRole("button", { name: say(lng, "common:nav.signOut") }).click();
  await page.waitForURL(/\/login/);
}

import { expect, test, type Browser, type Page } from "@playwright/test";
import jsQR from "jsqr";
import { PNG } from "pngjs";
import { expectAccessible, saveScreenshot } from "./a11y";
import { say } from "./catalog";
import { enterCode, hydrated, signIn, signOut, totpCode, type Account } from "./demo";

// The staff second factor (decision 065), as a new supervisor lives it: made by the administrator,
// sent to enrol at the first sign-in (QR code and key, confirmed with a code, recovery codes shown
// once), then signing in with the app's code, with a recovery code (once only), and limited after
// five wrong codes. Its own account: the demo ones must stay usable for the other specs.
const ru = (key: string, values: Record<string, string | number> = {}) => say("ru", key, values);

async function createSupervisor(browser: Browser, account: Account) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, "admin");
  await page.goto("/admin/staff");
  await hydrated(page);
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: ru("admin:staff.create"), exact: true }) });
  await form.getByLabel(ru("admin:staff.username"), { exact: true }).fill(account.username);
  await form.getByLabel(ru("admin:staff.fullName"), { exact: true }).fill("Экинчи Фактор Жетекчиевич");
  await form.getByLabel(ru("admin:staff.role"), { exact: true }).selectOption("supervisor");
  await form.getByLabel(ru("admin:staff.office"), { exact: true }).selectOption("002");
  await form.getByLabel(ru("admin:staff.password"), { exact: true }).fill(account.password);
  await form.getByRole("button", { name: ru("admin:staff.create"), exact: true }).click();
  await expect(page.getByText(ru("admin:staff.created", { username: account.username }))).toBeVisible();
  await context.close();
}

async function signInWithPassword(page: Page, account: Account) {
  await page.goto("/login");
  await hydrated(page);
  await page.getByLabel(ru("auth:signIn.username")).fill(account.username);
  await page.getByLabel(ru("auth:signIn.password")).fill(account.password);
  await page.getByRole("button", { name: ru("auth:signIn.submit"), exact: true }).click();
}

/** What the enrolment page's QR code says, read back from its pixels. */
async function qrText(page: Page): Promise<string> {
  const src = await page.getByRole("img", { name: ru("auth:twoFactor.enrol.qrAlt") }).getAttribute("src");
  const png = PNG.sync.read(Buffer.from(src!.replace(/^data:image\/png;base64,/, ""), "base64"));
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? "";
}

test("a supervisor enrols a second factor, signs in with its code and with a recovery code once, and is limited after five wrong codes", async ({ browser, page }) => {
  test.setTimeout(180_000);
  const account: Account = { username: `sup.totp.${Date.now().toString(36)}`, password: "Second-Factor-2026!" };
  await createSupervisor(browser, account);
  let recoveryCodes: string[] = [];

  await test.step("the first sign-in leads to enrolment, and nothing else opens before it", async () => {
    await signInWithPassword(page, account);
    await page.waitForURL(/\/account\/two-factor\?redirectTo=%2Fdesk$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(ru("auth:twoFactor.enrol.title"));
    await expect(page.getByText(ru("auth:twoFactor.enrol.required"))).toBeVisible();
    // The header offers sign-out only: no desk links for a session that has not passed its second step.
    await expect(page.getByRole("navigation").getByRole("link", { name: ru("common:nav.desk") })).toHaveCount(0);
    await page.goto("/desk/search");
    await expect(page).toHaveURL(/\/account\/two-factor\?redirectTo=%2Fdesk%2Fsearch$/);
  });

  await test.step("enrolment: the QR code carries the key shown in text; a code from the app turns the factor on; eight recovery codes shown once", async () => {
    await hydrated(page);
    const keyText = ((await page.getByTestId("totp-key").textContent()) ?? "").replace(/\s+/g, "");
    expect(keyText).toMatch(/^[A-Z2-7]{32}$/);
    const uri = new URL(await qrText(page));
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.searchParams.get("secret")).toBe(keyText);
    expect(decodeURIComponent(uri.pathname)).toContain(account.username);
    await expectAccessible(page);
    await saveScreenshot(page, "two-factor-enrol");
    account.totpKey = keyText;

    // A wrong code first: refused on the field, the same key still on the page.
    await page.getByLabel(ru("auth:twoFactor.enrol.code")).fill("000000");
    await page.getByRole("button", { name: ru("auth:twoFactor.enrol.submit") }).click();
    await expect(page.getByText(ru("auth:twoFactor.code_wrong"))).toBeVisible();
    expect(((await page.getByTestId("totp-key").textContent()) ?? "").replace(/\s+/g, "")).toBe(keyText);

    await page.getByLabel(ru("auth:twoFactor.enrol.code")).fill(totpCode(keyText));
    await page.getByRole("button", { name: ru("auth:twoFactor.enrol.submit") }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(ru("auth:twoFactor.codes.title"));
    recoveryCodes = (await page.getByTestId("recovery-codes").locator("li").allTextContents()).map((c) => c.trim());
    expect(recoveryCodes).toHaveLength(8);
    await expectAccessible(page);
    await saveScreenshot(page, "two-factor-recovery-codes");
    // On to the page asked for before enrolment.
    await page.getByRole("link", { name: ru("auth:twoFactor.codes.continue") }).click();
    await expect(page).toHaveURL(/\/desk\/search$/);
    await expect(page.getByRole("navigation").getByRole("link", { name: ru("common:nav.desk") })).toBeVisible();
    // The account page now says since when, and never shows the key again.
    await page.goto("/account/two-factor");
    await expect(page.getByText(ru("auth:twoFactor.status.codesLeft", { count: 8 }))).toBeVisible();
    await expect(page.getByTestId("totp-key")).toHaveCount(0);
    await signOut(page);
  });

  await test.step("sign-in with the password and the app's code", async () => {
    await signInWithPassword(page, account);
    await page.waitForURL(/\/login\/two-factor/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(ru("auth:twoFactor.code.title"));
    await expectAccessible(page);
    await saveScreenshot(page, "two-factor-code");
    await enterCode(page, totpCode(account.totpKey!));
    await expect(page).toHaveURL(/\/desk$/);
    await signOut(page);
  });

  await test.step("sign-in with a recovery code: it works once, then no longer", async () => {
    await signInWithPassword(page, account);
    await page.waitForURL(/\/login\/two-factor/);
    await enterCode(page, recoveryCodes[0]);
    await expect(page).toHaveURL(/\/desk$/);
    await expect(page.getByText(ru("auth:twoFactor.recoveryUsed", { count: 7 }))).toBeVisible();
    await signOut(page);

    await signInWithPassword(page, account);
    await page.waitForURL(/\/login\/two-factor/);
    await enterCode(page, recoveryCodes[0]);
    await expect(page.getByRole("alert")).toHaveText(ru("auth:twoFactor.code_invalid"));
    await expect(page).toHaveURL(/\/login\/two-factor/);
  });

  await test.step("five wrong codes in all: the next one is refused even when right, with a clear message", async () => {
    // The used recovery code above was the first wrong code; four more make five.
    for (const wrong of ["111111", "222222", "333333", "444444"]) {
      await enterCode(page, wrong);
      await expect(page.getByRole("alert")).toHaveText(ru("auth:twoFactor.code_invalid"));
    }
    await enterCode(page, totpCode(account.totpKey!));
    const [before, after] = ru("auth:twoFactor.too_many").split("{{seconds}}");
    await expect(page.getByRole("alert")).toHaveText(new RegExp(`^${escape(before)}\\d+${escape(after)}$`));
    await expect(page).toHaveURL(/\/login\/two-factor/);
    await page.goto("/desk");
    await expect(page).toHaveURL(/\/login\/two-factor\?redirectTo=%2Fdesk$/);
  });

  await test.step("the administrator resets the factor: the person's session ends, and the next sign-in enrols again", async () => {
    const context = await browser.newContext();
    const admin = await context.newPage();
    await signIn(admin, "admin");
    await admin.goto("/admin/staff");
    await hydrated(admin);
    const row = admin.getByRole("row").filter({ hasText: account.username });
    await expect(row.getByText(ru("admin:staff.secondFactorOn"))).toBeVisible();
    await row.getByRole("button", { name: `${ru("admin:staff.resetSecondFactor")}: ${account.username}` }).click();
    await expect(admin.getByText(ru("admin:staff.secondFactorReset"))).toBeVisible();
    await expect(admin.getByRole("row").filter({ hasText: account.username }).getByText(ru("admin:staff.secondFactorOff"))).toBeVisible();
    await context.close();

    await page.goto("/desk");
    await expect(page).toHaveURL(/\/login\?redirectTo=%2Fdesk$/);
    await signInWithPassword(page, account);
    await page.waitForURL(/\/account\/two-factor/);
    await expect(page.getByTestId("totp-key")).toBeVisible();
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

import { expect, test } from "@playwright/test";
import { expectAccessible } from "./a11y";
import { DEMO_INNS, signIn } from "./demo";

// axe-core (WCAG 2.1 A/AA) on the pages the flow specs do not visit, in both languages where the
// text differs; the flow specs check the pages along their way.
test("public pages", async ({ page }) => {
  for (const path of ["/", "/apply", "/status", "/refuse", "/login", "/verify/00000000-0000-0000-0000-000000000000?h=0000000000000000"]) {
    await page.goto(path);
    await expectAccessible(page);
  }
  // The form with every section open and its errors shown.
  await page.goto("/apply");
  await page.getByLabel("Заявление подаёт представитель по доверенности").check();
  await page.getByLabel("Заявителю нет 14 лет — заявление подаёт законный представитель").check();
  await page.getByRole("button", { name: "Сохранить заявление" }).click();
  await expect(page.getByRole("alert")).toBeVisible();
  await expectAccessible(page);
});

test("administrator's pages", async ({ page }) => {
  await signIn(page, "admin");
  for (const path of ["/admin", "/admin/offices", "/admin/staff", "/admin/registry", "/admin/journal", "/admin/api-clients", "/account/password", "/account/two-factor"]) {
    await page.goto(path);
    await expectAccessible(page);
  }
});

test("office pages, in English too", async ({ page }) => {
  await signIn(page, "supervisor");
  for (const path of ["/desk", "/desk/search", `/desk/search?q=${DEMO_INNS.registered["002"].individual}`, "/desk/approvals", "/desk/board", "/desk/stats", `/desk/subjects/${DEMO_INNS.withEvidence}`]) {
    await page.goto(path);
    await expectAccessible(page);
  }
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  for (const path of ["/desk", "/desk/stats", `/desk/subjects/${DEMO_INNS.withEvidence}`]) {
    await page.goto(path);
    await expectAccessible(page);
  }
  await page.getByRole("button", { name: "Русский" }).click();
});

test("the front desk works from the keyboard alone: find form focused, Enter submits", async ({ page }) => {
  await signIn(page, "inspector");
  await page.goto("/desk");
  await expect(page.getByLabel("ИНН")).toBeFocused();
  await page.keyboard.type(DEMO_INNS.registered["002"].individual);
  await page.keyboard.press("Tab");
  await page.keyboard.type("2345-6789-AB");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("alert")).toBeVisible();
});

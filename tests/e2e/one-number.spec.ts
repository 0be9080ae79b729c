import { execFileSync } from "node:child_process";
import { expect, test } from "@playwright/test";
import { DEMO_INNS, signIn, signOut } from "./demo";
import { applyOnline, grantAtDesk } from "./flows";

// One decision, one number (decision 044): the page, the printed PDF, /verify, /status and the
// journal all carry the string the decision was given when it was made.
const INN = DEMO_INNS.registered["003"].entrepreneur;

test("a granted application shows the same decision number on the page, the paper, /verify, /status and in the journal", async ({ page }) => {
  const code = await applyOnline(page, { inn: INN, kind: "grant", password: "Salyk#2026n", subjectType: "entrepreneur" });
  await grantAtDesk(page, "otherInspector", INN, code);

  // The page: the number is there before anything is printed.
  const heading = page.getByRole("heading", { name: /^Решение № / });
  await expect(heading).toBeVisible();
  const number = ((await heading.textContent()) ?? "").replace(/^Решение № /, "").trim();
  expect(number).toMatch(/^003-DG-\d{4}-\d{6}$/);

  // The paper, as the browser posts the print form.
  const form = page.locator('form:has(button[data-print="decision"])');
  const pdf = await page.request.post((await form.getAttribute("action"))!, { form: { csrf: await form.locator('input[name="csrf"]').inputValue(), what: "decision" } });
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-disposition"]).toContain(`filename="${number}.pdf"`);
  const text = execFileSync("pdftotext", ["-layout", "-", "-"], { input: await pdf.body() }).toString();
  expect(text).toContain(number);
  await page.reload();
  await expect(page.getByText(`Напечатано: № ${number}`)).toBeVisible();

  // /verify, through the subject card's link to the printed document.
  await page.goto(`/desk/subjects/${INN}`);
  await page.getByRole("link", { name: new RegExp(number) }).click();
  await page.waitForURL(/\/verify\//);
  await expect(page.locator("main")).toContainText(number);

  // The journal (the administrator's view of the office chain).
  await signOut(page);
  await signIn(page, "admin");
  await page.goto(`/admin/journal?inn=${INN}&action=application.granted`);
  await expect(page.locator("main table")).toContainText(number);
  await signOut(page);

  // /status, as the applicant looks it up.
  await page.goto("/status");
  await page.getByLabel("ИНН").fill(INN);
  await page.getByLabel("Код заявления").fill(code);
  await page.getByRole("button", { name: "Узнать статус" }).click();
  await expect(page.locator("main")).toContainText(number);
});

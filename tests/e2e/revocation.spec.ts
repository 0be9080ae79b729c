import { expect, test } from "@playwright/test";
import { demoRegistry } from "../../db/seed/demo-data";
import { expectAccessible, saveScreenshot } from "./a11y";
import { createApiKey, verifyCredentials } from "./api";
import { hydrated, signIn, signOut } from "./demo";
import { applyOnline, grantAtDesk } from "./flows";

// Decision 063, end to end: a grant made in error is revoked with four eyes — one head of department
// proposes on the decision's panel, another approves on /desk/approvals — the revocation act is
// printed, the access ends at once, and /verify of the old decision says it was revoked and by which act.

// A subject of office 002 no other browser test uses (kyrgyz.spec.ts takes the first such one).
const registry = demoRegistry();
const evidenceInns = new Set(registry.evidence.map((e) => e.inn));
const SUBJECT = registry.taxpayers.filter((t, i) => t.officeCode === "002" && i >= 16 && !evidenceInns.has(t.inn) && t.subjectType === "individual" && t.registrationStatus === "registered").at(-1)!;
const INN = SUBJECT.inn;
const PASSWORD = "Otmena#2026rv";
const SECOND = { username: "supervisor2.lenin", password: "Vtoroi#Nach2026" };

test("a supervisor proposes revoking a grant, another approves, the act is printed and /verify says revoked", async ({ page, browser }) => {
  test.setTimeout(240_000);
  // The grant, printed and in force.
  const code = await applyOnline(page, { inn: INN, password: PASSWORD, name: "Ошибкин Тест" });
  const login = await grantAtDesk(page, "inspector", INN, code);
  const appUrl = new URL(page.url()).pathname;
  const grantNumber = ((await page.getByRole("heading", { name: /^Решение № / }).textContent()) ?? "").replace(/^Решение № /, "").trim();
  const decisionForm = page.locator('form:has(button[data-print="decision"])');
  const decisionPdf = await page.request.post((await decisionForm.getAttribute("action"))!, { form: { csrf: await decisionForm.locator('input[name="csrf"]').inputValue(), what: "decision" } });
  expect(decisionPdf.status()).toBe(200);
  // An inspector is not offered the revocation.
  await expect(page.getByRole("button", { name: "Предложить отмену" })).toHaveCount(0);
  const apiKey = await createApiKey(browser);
  expect(await verifyCredentials(page.request, apiKey, login, PASSWORD)).toMatchObject({ valid: true, active: true });
  await signOut(page);

  // A second head of department of office 002, created by the administrator.
  await signIn(page, "admin");
  await page.goto("/admin/staff");
  await hydrated(page);
  await page.getByLabel("Имя пользователя").fill(SECOND.username);
  await page.getByLabel("ФИО").fill("Второва Начальница");
  await page.getByLabel("Роль", { exact: true }).selectOption("supervisor");
  await page.getByLabel("Налоговый орган", { exact: true }).selectOption("002");
  await page.getByLabel("Пароль", { exact: true }).fill(SECOND.password);
  await page.getByRole("button", { name: "Создать" }).click();
  await expect(page.getByRole("status")).toContainText(`Сотрудник ${SECOND.username} создан`);
  await signOut(page);

  // The first head of department proposes on the decision's panel; nothing changes yet.
  await signIn(page, "supervisor");
  await page.goto(appUrl);
  await hydrated(page);
  await page.getByLabel("Основание отмены").fill("Ошибка реестра: решение принято по заявлению другого субъекта");
  await page.getByRole("button", { name: "Предложить отмену" }).click();
  await expect(page.getByText("Отмена предложена: решает другой начальник отдела.")).toBeVisible();
  await expect(page.getByTestId("revocation-proposed")).toBeVisible();
  await expectAccessible(page);
  await saveScreenshot(page, "revocation-proposed");
  expect(await verifyCredentials(page.request, apiKey, login, PASSWORD)).toMatchObject({ active: true });
  // The proposer is offered no step on the approvals page.
  await page.goto("/desk/approvals");
  const own = page.getByTestId("correction-revoke_decision").filter({ hasText: INN });
  await expect(own).toContainText("Ваше предложение");
  await expect(page.getByRole("button", { name: `Утвердить исправление: ${INN}` })).toHaveCount(0);
  await signOut(page);

  // The other head of department approves: the act is numbered and the access ends at once.
  await signIn(page, SECOND);
  // The board shows what waits for a second head of department.
  await page.goto("/desk/board");
  await expect(page.getByTestId("board-corrections")).toContainText(INN);
  await expect(page.getByTestId("board-corrections")).toContainText("Отменить решение о предоставлении доступа");
  await page.goto("/desk/approvals");
  await hydrated(page);
  await expectAccessible(page);
  await saveScreenshot(page, "approvals-corrections");
  await page.getByRole("button", { name: `Утвердить исправление: ${INN}` }).click();
  await expect(page.getByRole("status")).toContainText(/Исправление утверждено: акт № 002-RV-\d{4}-\d{6}/);
  const revocationNumber = (((await page.getByRole("status").textContent()) ?? "").match(/002-RV-\d{4}-\d{6}/) ?? [""])[0];
  expect(await verifyCredentials(page.request, apiKey, login, PASSWORD)).toEqual({ valid: false, active: false });

  // The decision's panel says so and prints the act.
  await page.goto(appUrl);
  await hydrated(page);
  await expect(page.getByTestId("revoked")).toContainText(`Решение отменено актом № ${revocationNumber}`);
  await saveScreenshot(page, "decision-revoked");
  const actForm = page.locator('form:has(button[data-print="revocation"])');
  const act = await page.request.post((await actForm.getAttribute("action"))!, { form: { csrf: await actForm.locator('input[name="csrf"]').inputValue(), what: "revocation" } });
  expect(act.status()).toBe(200);
  expect(act.headers()["content-type"]).toContain("application/pdf");
  expect(act.headers()["content-disposition"]).toContain(`${revocationNumber}.pdf`);

  // /verify of the old decision's paper: genuine, but revoked by that act.
  await page.goto(`/desk/subjects/${INN}`);
  await page.getByRole("link", { name: new RegExp(grantNumber) }).click();
  await page.waitForURL(/\/verify\//);
  await expect(page.getByTestId("verdict")).toHaveText("Документ подлинный");
  await expect(page.getByTestId("standing")).toContainText(new RegExp(`Больше не действует с \\d{2}\\.\\d{2}\\.\\d{4} \\d{2}:\\d{2}: решение отменено актом № ${revocationNumber}`));
  await saveScreenshot(page, "verify-decision-revoked");
  await expectAccessible(page);
});

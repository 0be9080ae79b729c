import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, saveScreenshot } from "./a11y";
import { createApiKey, verifyCredentials } from "./api";
import { DEMO_INNS, hydrated, signIn, signOut } from "./demo";
import { applyOnline, type Kind } from "./flows";

// One subject's whole life at the front desk: grant, restoration, annulment on request. The steps
// build on each other (the same INN), so they run in order; refusals use other INNs.
test.describe.configure({ mode: "serial" });

const INN = DEMO_INNS.registered["002"].individual;
const FIRST_PASSWORD = "Salyk#2026a";
const NEW_PASSWORD = "Kabinet!2026b";
let login = "";
let apiKey = "";

/** The public form, as the applicant fills it; returns the generated code shown after saving. */
function apply(page: Page, inn: string, kind: Kind, password?: string, subjectType = "individual", name = "Тестова Айпери") {
  return applyOnline(page, { inn, kind, password, subjectType, name });
}

/** The inspector types INN and code (messy on purpose: the desk tolerates case, spaces and dashes). */
async function findAt(page: Page, inn: string, code: string) {
  await page.goto("/desk");
  await expect(page.getByLabel("ИНН")).toBeFocused();
  await page.getByLabel("ИНН").fill(` ${inn.slice(0, 7)} ${inn.slice(7)} `);
  await page.getByLabel("Код заявления").fill(code.toLowerCase().replace(/-/g, " "));
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/desk\/applications\/[0-9a-f-]{36}$/);
}

async function presentAndAccept(page: Page, clock = true, shots = "") {
  if (shots) await saveScreenshot(page, `${shots}-draft`);
  await page.getByRole("button", { name: "Зарегистрировать приём" }).click();
  await expect(page.getByText("Приём зарегистрирован")).toBeVisible();
  if (shots) await saveScreenshot(page, `${shots}-presented`);
  // The 20-minute clock runs for decisions; an annulment has its own two-day clock from acceptance.
  if (clock) await expect(page.locator(".clock-panel .countdown")).toHaveAttribute("data-state", "ok");
  // Its live region joins the page once the clock runs in the browser.
  if (clock) await expect(page.locator(".clock-panel .countdown [aria-live=polite]")).toHaveCount(1);
  await expectAccessible(page);
  // Accepting with an item unticked is refused, and nothing is lost.
  const boxes = page.getByRole("group", { name: "Проверено (все пункты обязательны)" }).getByRole("checkbox");
  const count = await boxes.count();
  expect(count).toBeGreaterThanOrEqual(3);
  for (let i = 0; i < count - 1; i++) await boxes.nth(i).check();
  await page.getByRole("button", { name: "Принять заявление" }).click();
  const refused = page.getByRole("alert").filter({ hasText: "Отметьте все обязательные пункты" });
  await expect(refused).toBeVisible();
  // The message names what is missing, and the earlier success no longer shows above it.
  await expect(refused).toContainText("Не отмечено:");
  await expect(page.getByText("Приём зарегистрирован")).toHaveCount(0);
  if (shots) await saveScreenshot(page, `${shots}-accept-refused`);
  await boxes.nth(count - 1).check();
  await page.getByRole("button", { name: "Принять заявление" }).click();
  await expect(page.getByTestId("incoming-number")).toHaveText(/^002-IN-\d{4}-\d{6}$/);
  if (shots) await saveScreenshot(page, `${shots}-accepted`);
  await expectAccessible(page);
}

/** Posts a print form as the browser would and returns the PDF response. */
async function print(page: Page, what: "application" | "decision" | "annulment") {
  const form = page.locator(`form:has(button[data-print="${what}"])`);
  const csrf = await form.locator('input[name="csrf"]').inputValue();
  const action = await form.getAttribute("action");
  return page.request.post(action!, { form: { csrf, what } });
}

test("full grant: public application -> find -> present -> checklist -> accept -> grant; the login works at the API", async ({ page, browser }) => {
  const code = await apply(page, INN, "grant", FIRST_PASSWORD);
  await signIn(page, "inspector");
  await expectAccessible(page);
  await findAt(page, INN, code);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(code);
  await presentAndAccept(page, true, "app-grant");

  await page.goto("/desk");
  await expect(page.getByRole("link", { name: `Открыть заявление ${code}` })).toBeVisible();
  await saveScreenshot(page, "queue");
  // The queue's links are plain anchors followed in the app (decision 077): the same document after the click.
  await hydrated(page);
  await page.evaluate(() => Object.assign(window, { sameDocument: true }));
  await page.getByRole("link", { name: `Открыть заявление ${code}` }).click();

  await expect(page.getByTestId("checks-verdict")).toHaveText("Оснований для отказа нет: доступ может быть предоставлен.");
  await expect(page.getByRole("button", { name: "Отказать в доступе" })).toHaveCount(0);
  expect(await page.evaluate(() => (window as { sameDocument?: boolean }).sameDocument)).toBe(true);
  await page.getByRole("button", { name: "Предоставить доступ" }).click();
  await expect(page.getByText("Доступ предоставлен. Выдайте решение с логином.")).toBeVisible();
  login = (await page.getByTestId("granted-login").textContent())?.trim() ?? "";
  expect(login).not.toBe("");
  await expectAccessible(page);
  await saveScreenshot(page, "app-grant-granted");

  const pdf = await print(page, "decision");
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect(pdf.headers()["content-disposition"]).toMatch(/^inline; filename="002-DG-\d{4}-\d{6}\.pdf"$/);
  await page.reload();
  await expect(page.getByText(/Напечатано: № 002-DG-\d{4}-\d{6}; дубликатов: 0/)).toBeVisible();

  apiKey = await createApiKey(browser);
  expect(await verifyCredentials(page.request, apiKey, login, FIRST_PASSWORD)).toMatchObject({ valid: true, active: true });
  expect(await verifyCredentials(page.request, apiKey, login, "Wrong#Pass1")).toMatchObject({ valid: false });
});

test("a stale page: the second press of a step someone already took shows the current state with a message", async ({ page, context }) => {
  const inn = DEMO_INNS.registered["002"].entrepreneur;
  const code = await apply(page, inn, "grant", FIRST_PASSWORD, "entrepreneur");
  await signIn(page, "inspector");
  await findAt(page, inn, code);
  const other = await context.newPage();
  await other.goto(page.url());
  await page.getByRole("button", { name: "Зарегистрировать приём" }).click();
  await expect(page.getByText("Приём зарегистрирован")).toBeVisible();
  await other.getByRole("button", { name: "Зарегистрировать приём" }).click();
  await expect(other.getByRole("alert")).toContainText("другой сотрудник");
  await expect(other.getByRole("button", { name: "Принять заявление" })).toBeVisible();
  await other.close();
});

test("refusal on ground (a) for a deregistered taxpayer: grant is not offered", async ({ page }) => {
  const code = await apply(page, DEMO_INNS.deregistered, "grant", FIRST_PASSWORD);
  await signIn(page, "inspector");
  await findAt(page, DEMO_INNS.deregistered, code);
  await presentAndAccept(page);
  await expect(page.getByTestId("checks-verdict")).toHaveText("Есть основания для отказа: предоставить доступ нельзя.");
  await expect(page.getByRole("button", { name: "Предоставить доступ" })).toHaveCount(0);
  const ground = page.getByRole("checkbox", { name: "(а) отсутствие налоговой регистрации" });
  await expect(ground).toBeChecked();
  await page.getByRole("button", { name: "Отказать в доступе" }).click();
  await expect(page.getByText("В доступе отказано. Выдайте решение.")).toBeVisible();
  await expect(page.getByRole("heading", { name: /Решение № 002-DR-\d{4}-\d{6}/ })).toBeVisible();
  await expect(page.locator(".decision")).toContainText("(а) отсутствие налоговой регистрации");
  await saveScreenshot(page, "app-refused");
  await expectAccessible(page);
  const pdf = await print(page, "decision");
  expect(pdf.headers()["content-disposition"]).toContain("002-DR-");
});

test("refusal on ground (b) for a taxpayer with fictitious-activity evidence: grant is not offered", async ({ page }) => {
  const code = await apply(page, DEMO_INNS.withEvidence, "grant", FIRST_PASSWORD, "legal_entity", "ОсОО «Тест»");
  await signIn(page, "inspector");
  await findAt(page, DEMO_INNS.withEvidence, code);
  await presentAndAccept(page);
  await expect(page.getByRole("button", { name: "Предоставить доступ" })).toHaveCount(0);
  const ground = page.getByRole("checkbox", { name: /^\(б\) участие в фиктивной деятельности/ });
  await expect(ground).toBeChecked();
  await expect(page.getByRole("checkbox", { name: /^\(а\)/ })).toHaveCount(0);
  await page.getByRole("button", { name: "Отказать в доступе" }).click();
  await expect(page.getByText("В доступе отказано. Выдайте решение.")).toBeVisible();
  await expect(page.locator(".decision")).toContainText("(б) участие в фиктивной деятельности");
});

test("restoration keeps the login: the new password verifies, the old one does not", async ({ page }) => {
  const code = await apply(page, INN, "restore", NEW_PASSWORD);
  await signIn(page, "inspector");
  await findAt(page, INN, code);
  await presentAndAccept(page);
  await page.getByRole("button", { name: /^Восстановить доступ/ }).click();
  await expect(page.getByTestId("granted-login")).toHaveText(login);
  await expect(page.getByText("Восстановление: логин прежний")).toBeVisible();
  await saveScreenshot(page, "app-restored");
  expect(await verifyCredentials(page.request, apiKey, login, NEW_PASSWORD)).toMatchObject({ valid: true, active: true });
  expect(await verifyCredentials(page.request, apiKey, login, FIRST_PASSWORD)).toMatchObject({ valid: false });
});

test("annulment on request: entered within its two-day deadline -> the credentials stop working", async ({ page }) => {
  const code = await apply(page, INN, "annul");
  await signIn(page, "inspector");
  await findAt(page, INN, code);
  await presentAndAccept(page, false, "app-annul");
  await expect(page.getByRole("heading", { name: "Внести в систему (два календарных дня, п. 20 Регламента)" })).toBeVisible();
  // The last day, inclusive, never «до … 00:00» of the day after.
  await expect(page.locator(".clock-panel")).toContainText(/по \d{2}\.\d{2}\.\d{4} включительно/);
  await page.goto("/desk");
  await expect(page.getByRole("table", { name: "Заявления об аннулировании: внести в систему" }).getByRole("link", { name: `Открыть заявление ${code}` })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: `Открыть заявление ${code}` }).click();
  await page.getByRole("button", { name: "Внести аннулирование" }).click();
  await expect(page.getByText("Аннулирование внесено: доступ субъекта прекращён.")).toBeVisible();
  await expect(page.getByTestId("annulment-entered")).toBeVisible();
  await saveScreenshot(page, "app-annul-entered");
  await expectAccessible(page);
  const pdf = await print(page, "annulment");
  expect(pdf.headers()["content-disposition"]).toContain("002-AN-");
  expect(await verifyCredentials(page.request, apiKey, login, NEW_PASSWORD)).toMatchObject({ active: false });
});

test("a second annulment application of the annulled access closes as already annulled, with its own notice", async ({ page }) => {
  const code = await apply(page, INN, "annul");
  await signIn(page, "inspector");
  await findAt(page, INN, code);
  await presentAndAccept(page, false);
  await page.getByRole("button", { name: "Внести аннулирование" }).click();
  await expect(page.locator("main")).toContainText("уже аннулирован");
  await expect(page.getByRole("button", { name: "Внести аннулирование" })).toHaveCount(0);
  await saveScreenshot(page, "app-already-annulled");
  await expectAccessible(page);
});

test("find: an unknown code and a mistyped code get clear messages; another office gets the 403 message", async ({ page }) => {
  const inn = DEMO_INNS.registered["002"].legalEntity;
  const code = await apply(page, inn, "grant", FIRST_PASSWORD, "legal_entity", "ОсОО «Другой»");
  await signIn(page, "otherInspector");
  await page.goto("/desk/find");
  await expectAccessible(page);
  await page.getByLabel("ИНН").fill(DEMO_INNS.unknown);
  await page.getByLabel("Код заявления").fill(code);
  await page.getByRole("button", { name: "Найти" }).click();
  await expect(page.getByRole("alert")).toHaveText("Заявление с таким ИНН и кодом не найдено. Проверьте ИНН и код.");
  const last = code.replace(/[\s-]/g, "").slice(-1);
  const wrong = code.replace(/[\s-]/g, "").slice(0, -1) + (last === "A" ? "B" : "A");
  await page.getByLabel("ИНН").fill(inn);
  await page.getByLabel("Код заявления").fill(wrong);
  await page.getByRole("button", { name: "Найти" }).click();
  await expect(page.getByRole("alert")).toContainText(/В коде ошибка|не найдено/);
  await findAt(page, inn, code);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Заявление другого налогового органа");
  await expect(page.getByRole("alert")).toContainText("п. 13 Регламента");
  await expect(page.getByRole("button", { name: "Зарегистрировать приём" })).toHaveCount(0);
  // Named with its address, not by its code alone.
  await expect(page.getByRole("alert")).toContainText("Бишкек");
  await saveScreenshot(page, "app-other-office");
  await expectAccessible(page);
  await signOut(page);
});

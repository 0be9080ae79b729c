import { expect, type Page } from "@playwright/test";
import { hydrated, signIn, type Staff } from "./demo";

export type Kind = "grant" | "restore" | "annul";
const KIND_LABEL: Record<Kind, string> = { grant: "Предоставить доступ", restore: "Восстановить доступ (забыт пароль)", annul: "Аннулировать доступ" };

/** The public form, as the applicant fills it; returns the generated code shown after saving. */
export async function applyOnline(
  page: Page,
  a: { inn: string; kind?: Kind; password?: string; subjectType?: string; name?: string; email?: string },
): Promise<string> {
  const subjectType = a.subjectType ?? "individual";
  await page.goto("/apply");
  await hydrated(page);
  await page.getByRole("radio", { name: KIND_LABEL[a.kind ?? "grant"] }).check();
  await page.getByLabel("Тип субъекта").selectOption(subjectType);
  await page.getByLabel("ИНН", { exact: true }).fill(a.inn);
  await page.getByLabel("ФИО или наименование").fill(a.name ?? "Тестова Айпери");
  if (subjectType === "legal_entity") await page.getByLabel("Руководитель (для юридического лица)").fill("Директоров Азамат");
  await page.getByLabel("Телефон").fill("+996 555 123 456");
  if (a.email) {
    // Notices by e-mail to this address (decision 064).
    await page.getByLabel("Электронная почта (необязательно)").fill(a.email);
    await page.getByRole("radio", { name: "По электронной почте" }).check();
  }
  if (a.password) {
    await page.getByLabel("Пароль", { exact: true }).fill(a.password);
    await page.getByLabel("Повторите пароль").fill(a.password);
  }
  await page.getByRole("button", { name: "Сохранить заявление" }).click();
  await page.waitForURL(/\/apply\/done/);
  const code = (await page.getByTestId("application-code").textContent())?.trim() ?? "";
  expect(code.length).toBeGreaterThan(5);
  return code;
}

/** An inspector of the subject's office finds the application and registers its reception; returns its page's path. */
export async function presentAtDesk(page: Page, who: Staff, inn: string, code: string): Promise<string> {
  await signIn(page, who);
  await page.goto("/desk");
  await hydrated(page);
  await page.getByLabel("ИНН").fill(inn);
  await page.getByLabel("Код заявления").fill(code);
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/desk\/applications\/[0-9a-f-]{36}$/);
  await page.getByRole("button", { name: "Зарегистрировать приём" }).click();
  await expect(page.getByText("Приём зарегистрирован")).toBeVisible();
  return new URL(page.url()).pathname;
}

/** An inspector of the subject's office takes the application through to a grant; returns the login. */
export async function grantAtDesk(page: Page, who: Staff, inn: string, code: string): Promise<string> {
  await presentAtDesk(page, who, inn, code);
  const boxes = page.getByRole("group", { name: "Проверено (все пункты обязательны)" }).getByRole("checkbox");
  for (let i = 0; i < (await boxes.count()); i++) await boxes.nth(i).check();
  await page.getByRole("button", { name: "Принять заявление" }).click();
  await expect(page.getByTestId("incoming-number")).toBeVisible();
  await page.getByRole("button", { name: "Предоставить доступ" }).click();
  const login = (await page.getByTestId("granted-login").textContent())?.trim() ?? "";
  expect(login).toMatch(/^kb-/);
  return login;
}

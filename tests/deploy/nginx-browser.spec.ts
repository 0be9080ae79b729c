import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { hydrated, signIn, signOut } from "../e2e/demo";
import { applyOnline, grantAtDesk } from "../e2e/flows";

// The browser stage of tests/deploy/nginx-smoke.sh (playwright.nginx.config.ts): on an empty
// installation behind nginx, over https, the people do what they would do on the first day — the
// administrator made by `admin:create` sets up an office, an inspector and a taxpayer (the registry
// upload is a multipart post through nginx), an applicant applies online, the inspector grants
// access and prints the decision, and every sign-out really ends the session.

// The administrator enrolled a second factor in the smoke's HTTP stage; signIn answers its second
// step with a code from that key (decision 065).
const ADMIN = { username: env("NGINX_E2E_ADMIN_USER"), password: env("NGINX_E2E_ADMIN_PASSWORD"), totpKey: env("NGINX_E2E_ADMIN_TOTP_KEY") };
// The password the administrator sets is the inspector's to use: the app asks no change at first
// sign-in (a staff member changes it on /account/password when they choose).
const INSPECTOR = { username: "inspector.first", password: "First-Inspector-2026!" };
// An individual born 15.05.1990 (workflows/registry/inn.ts: 2 + DDMMYYYY + serial), the registry's one taxpayer.
const INN = "21505199000077";
const APPLICANT = "Первая Айгуль Бакытовна";

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is unset: run through tests/deploy/nginx-smoke.sh`);
  return value;
}

/** The staff session cookie: __Host- (Secure, no Domain, Path=/) in production, so over https only. */
async function sessionCookie(context: BrowserContext) {
  return (await context.cookies()).find((c) => c.name === "__Host-session" && c.value !== "");
}

async function open(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), `GET ${path}`).toBe(200);
  await hydrated(page);
  return response!;
}

test("first day behind nginx: the administrator sets up, an applicant applies, the inspector grants and prints, everyone signs out", async ({ browser }) => {
  let officeCode = "";

  await test.step("the administrator signs in over https: HSTS on the page, the session cookie Secure", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const login = await open(page, "/login");
    expect(new URL(page.url()).protocol).toBe("https:");
    expect(login.headers()["strict-transport-security"]).toMatch(/^max-age=\d{8,}; includeSubDomains$/);
    await signIn(page, ADMIN);
    await expect(page).toHaveURL(/\/admin$/);
    const cookie = await sessionCookie(context);
    expect(cookie, "a session cookie after signing in").toBeDefined();
    expect(cookie).toMatchObject({ secure: true, httpOnly: true, path: "/", sameSite: "Lax" });

    await test.step("an office, if the installation has none", async () => {
      await open(page, "/admin/offices");
      const rows = page.locator("main table tbody tr");
      if ((await rows.count()) === 0) {
        await page.getByLabel("Код", { exact: true }).fill("002");
        await page.getByLabel("Наименование").fill("Управление ГНС по Ленинскому району г. Бишкек");
        await page.getByLabel("Адрес").fill("г. Бишкек, ул. Московская, 197");
        await page.getByLabel("Руководитель (печатается в решениях)").fill("Начальников Бакыт Асанович");
        await page.getByRole("button", { name: "Сохранить" }).click();
        await expect(page.getByText("Налоговый орган 002 сохранён.")).toBeVisible();
      }
      officeCode = ((await rows.first().locator("td").first().textContent()) ?? "").trim();
      expect(officeCode).toMatch(/^\d{3}$/);
    });

    await test.step("an inspector account of that office", async () => {
      await open(page, "/admin/staff");
      // Exact labels: «Роль» is also inside «Пароль».
      const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Создать", exact: true }) });
      await form.getByLabel("Имя пользователя", { exact: true }).fill(INSPECTOR.username);
      await form.getByLabel("ФИО", { exact: true }).fill("Первый Инспектор Асанович");
      await form.getByLabel("Роль", { exact: true }).selectOption("inspector");
      await form.getByLabel("Налоговый орган", { exact: true }).selectOption(officeCode);
      await form.getByLabel("Пароль", { exact: true }).fill(INSPECTOR.password);
      await form.getByRole("button", { name: "Создать", exact: true }).click();
      await expect(page.getByText(`Сотрудник ${INSPECTOR.username} создан.`)).toBeVisible();
    });

    await test.step("the taxpayer, by the registry CSV upload (multipart through nginx)", async () => {
      await open(page, "/admin/registry");
      const csv = `inn,name,subject_type,office_code,registration_status\n${INN},${APPLICANT},individual,${officeCode},registered\n`;
      await page.getByLabel("CSV-файл").setInputFiles({ name: "registry.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
      const upload = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname.startsWith("/admin/registry"));
      await page.getByRole("button", { name: "Загрузить" }).click();
      expect((await upload).status(), "the registry upload through nginx").toBe(200);
      const report = page.getByRole("status");
      await expect(report.locator('dt:text-is("Добавлено") + dd')).toHaveText("1");
      await expect(report.locator('dt:text-is("Отклонено") + dd')).toHaveText("0");
    });

    await signOut(page);
    expect(await sessionCookie(context), "no session cookie after signing out").toBeUndefined();
    await context.close();
  });

  let code = "";
  await test.step("the applicant fills the public form and gets a code", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    code = await applyOnline(page, { inn: INN, kind: "grant", password: "Salyk#2026first", name: APPLICANT });
    await context.close();
  });

  await test.step("the inspector finds it, registers the receipt, accepts, grants, prints the decision and signs out", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const login = await grantAtDesk(page, INSPECTOR, INN, code);
    const session = await sessionCookie(context);
    expect(session?.secure).toBe(true);

    await test.step("the decision printed: the PDF opens in a new tab, a reprint reads back with the login", async () => {
      const number = ((await page.getByRole("heading", { name: /^Решение № / }).textContent()) ?? "").replace(/^Решение № /, "").trim();
      expect(number).toMatch(new RegExp(`^${officeCode}-DG-\\d{4}-\\d{6}$`));
      // The print button posts into a new tab, where Chromium's own viewer shows the PDF.
      const printed = context.waitForEvent("response", (r) => r.request().method() === "POST" && new URL(r.url()).pathname.endsWith("/print"));
      const opened = context.waitForEvent("page");
      await page.locator('button[data-print="decision"]').click();
      const response = await printed;
      expect(response.status()).toBe(200);
      expect(response.headers()["content-type"]).toBe("application/pdf");
      expect(response.headers()["content-disposition"]).toBe(`inline; filename="${number}.pdf"`);
      await (await opened).close();

      // The viewer keeps the bytes to itself, so the page posts the same form again, as a script in
      // this browser (its cookies, its Origin, through nginx): a reprint, journaled as a duplicate.
      const reprint = await page.evaluate(async () => {
        const form = document.querySelector<HTMLFormElement>('form:has(button[data-print="decision"])')!;
        const r = await fetch(form.action, { method: "POST", body: new URLSearchParams(new FormData(form) as unknown as Record<string, string>) });
        const bytes = new Uint8Array(await r.arrayBuffer());
        let binary = "";
        for (const b of bytes) binary += String.fromCharCode(b);
        return { status: r.status, type: r.headers.get("content-type"), base64: btoa(binary) };
      });
      expect(reprint).toMatchObject({ status: 200, type: "application/pdf" });
      const pdf = Buffer.from(reprint.base64, "base64");
      expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
      expect(pdf.length).toBeGreaterThan(10_000);
      const file = test.info().outputPath("decision.pdf");
      writeFileSync(file, pdf);
      const text = execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" });
      expect(text).toContain(login);
      expect(text).toContain(number);
      expect(text).toContain("ДУБЛИКАТ");
      await page.reload();
      await hydrated(page);
      await expect(page.getByText(`Напечатано: № ${number}; дубликатов: 1`)).toBeVisible();
    });

    await signOut(page);
    expect(await sessionCookie(context), "no session cookie after signing out").toBeUndefined();
    await page.goto("/desk");
    await expect(page).toHaveURL(/\/login\?redirectTo=%2Fdesk$/);
    await context.close();

    // Signing out ended the session on the server: its cookie, kept and sent again, opens nothing.
    const replay = await browser.newContext();
    await replay.addCookies([session!]);
    const again = await replay.newPage();
    await again.goto("/desk");
    await expect(again).toHaveURL(/\/login\?redirectTo=%2Fdesk$/);
    await replay.close();
  });
});

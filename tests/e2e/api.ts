import { expect, type APIRequestContext, type Browser } from "@playwright/test";
import { signIn } from "./demo";

/**
 * Creates a Cabinet API key the way an administrator does: signs in as admin in a separate browser
 * context, creates a client on Administration → API keys, reads the key shown once.
 */
export async function createApiKey(browser: Browser, name = `e2e ${Date.now()}`): Promise<string> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, "admin");
  await page.goto("/admin/api-clients");
  await page.getByLabel("Название клиента").fill(name);
  await page.getByRole("button", { name: "Создать ключ" }).click();
  const key = (await page.getByTestId("api-key").textContent())?.trim() ?? "";
  expect(key).toMatch(/^kbk_/);
  await context.close();
  return key;
}

/** POST /api/v1/credentials/verify as the Cabinet would. */
export async function verifyCredentials(request: APIRequestContext, key: string, login: string, password: string) {
  const response = await request.post("/api/v1/credentials/verify", {
    headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
    data: { login, password },
  });
  expect(response.status()).toBe(200);
  return (await response.json()) as { valid: boolean; active: boolean };
}

import { expect, test } from "@playwright/test";
import { E2E_METRICS_TOKEN } from "../../playwright.config";
import { DEMO_PASSWORDS, hydrated, signIn } from "./demo";

test.describe("security of the HTTP surface", () => {
  test("pages carry the security headers; the CSP has no unsafe-inline script and forbids framing", async ({ request }) => {
    for (const path of ["/", "/login", "/apply", "/status"]) {
      const response = await request.get(path);
      const h = response.headers();
      expect(h["content-security-policy"], path).toMatch(/script-src 'self' 'nonce-[0-9a-f]+'/);
      expect(h["content-security-policy"]).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(h["content-security-policy"]).toContain("frame-ancestors 'none'");
      expect(h["x-content-type-options"]).toBe("nosniff");
      expect(h["referrer-policy"]).toBe("same-origin");
      expect(h["x-frame-options"]).toBe("DENY");
      expect(h["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
      expect(h["x-powered-by"]).toBeUndefined();
    }
  });

  test("the pages hydrate under the CSP without a violation", async ({ page }) => {
    const violations: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy|Refused to/.test(m.text())) violations.push(m.text());
    });
    await page.goto("/apply");
    // Hydration marks the page (html[data-hydrated]) only if its scripts ran under the CSP. The
    // password is typed after it: typed before, React would not see the keystrokes.
    await hydrated(page);
    // The live password rules are JavaScript: they react only if the page hydrated.
    await page.getByLabel("Пароль", { exact: true }).fill("Abcdefg1!");
    await expect(page.locator("#password-rules li.rule-ok").first()).toBeVisible();
    expect(violations).toEqual([]);
  });

  test("a form post without the CSRF token, or from another origin, is refused and changes nothing", async ({ request }) => {
    const noToken = await request.post("/login", { form: { username: DEMO_PASSWORDS.admin.username, password: DEMO_PASSWORDS.admin.password } });
    expect(noToken.status()).toBe(403);
    expect(noToken.headers()["set-cookie"] ?? "").not.toMatch(/session=/);
    const crossOrigin = await request.post("/apply", { headers: { Origin: "https://evil.example" }, form: { inn: "1" } });
    expect(crossOrigin.status()).toBe(403);
  });

  test("sign-in issues a new session each time, with HttpOnly, SameSite=Lax and Secure cookies", async ({ page, context }) => {
    await signIn(page, "inspector");
    const first = (await context.cookies()).find((c) => c.name.endsWith("session"));
    expect(first).toMatchObject({ httpOnly: true, sameSite: "Lax", secure: true });
    await page.getByRole("button", { name: "Выйти" }).click();
    await page.waitForURL(/\/login/);
    await signIn(page, "inspector");
    const second = (await context.cookies()).find((c) => c.name.endsWith("session"));
    expect(second?.value).toBeTruthy();
    expect(second?.value).not.toBe(first?.value);
  });

  test("health answers from the database; metrics answer the scrape token only", async ({ request }) => {
    const health = await request.get("/healthz");
    expect(health.status()).toBe(200);
    expect(await health.json()).toEqual({ status: "ok", database: "ok" });
    expect((await request.get("/metrics", { headers: { "X-Forwarded-For": "127.0.0.1" } })).status()).toBe(403);
    const metrics = await request.get("/metrics", { headers: { Authorization: `Bearer ${E2E_METRICS_TOKEN}` } });
    expect(metrics.status()).toBe(200);
    const text = await metrics.text();
    expect(text).toContain("http_request_duration_seconds_bucket");
    expect(text).toMatch(/decisions_total\{outcome="granted"\} \d+/);
  });
});

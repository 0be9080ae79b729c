import { createHash, X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import { defineConfig } from "@playwright/test";

// The browser stage of tests/deploy/nginx-smoke.sh: Debian's Chromium against the nginx that the
// script runs in front of two app processes. No webServer here — the script started everything
// and hands over the https address, its certificate and the first administrator's password.
const baseURL = process.env.NGINX_E2E_BASE_URL;
const certificate = process.env.NGINX_E2E_CERT;
if (!baseURL || !certificate) throw new Error("run through tests/deploy/nginx-smoke.sh: NGINX_E2E_BASE_URL and NGINX_E2E_CERT are unset");
const host = new URL(baseURL).hostname;

// The certificate is trusted by its public key, not waved through: Chromium accepts this one key
// (--ignore-certificate-errors-spki-list) and still refuses any other certificate, so a site that
// served the wrong one would fail here too. ignoreHTTPSErrors would accept anything; importing the
// certificate into an NSS database would mean writing into the user's home for a throw-away key.
const spki = createHash("sha256")
  .update(new X509Certificate(readFileSync(certificate)).publicKey.export({ type: "spki", format: "der" }))
  .digest("base64");

export default defineConfig({
  testDir: "tests/deploy",
  testMatch: "*.spec.ts",
  outputDir: process.env.NGINX_E2E_OUTPUT ?? "test-results/nginx",
  // One walk through four people's work on a busy 2-core machine: generous, but bounded.
  timeout: 120_000,
  expect: { timeout: 15_000 },
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        // The site's name resolves to the nginx on this machine, as DNS would point it at the server.
        `--host-resolver-rules=MAP ${host} 127.0.0.1`,
        `--ignore-certificate-errors-spki-list=${spki}`,
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
      ],
    },
    locale: "ru-RU",
    timezoneId: "Asia/Bishkek",
    actionTimeout: 30_000,
    navigationTimeout: 30_000,
    acceptDownloads: true,
    trace: "off",
    screenshot: "only-on-failure",
  },
});

import { defineConfig } from "@playwright/test";

// Browser tests on Debian's Chromium against the production build. The server gets its own fresh
// embedded database, or a server database when E2E_DATABASE_URL is set (CI), migrated first.
/** The test server's port; CI runs the suite on both databases at once, each on a port of its own. */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
const port = E2E_PORT;
const dataDir = `./data/e2e-${process.pid}`;
/** The scrape token of the test server (tests/e2e/security.spec.ts reads /metrics with it). */
export const E2E_METRICS_TOKEN = "e2e-metrics-token";

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: process.env.E2E_OUTPUT ?? "test-results",
  timeout: 60_000,
  workers: 1,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
    locale: "ru-RU",
    timezoneId: "Asia/Bishkek",
    trace: "off",
    screenshot: "only-on-failure",
  },
  webServer: {
    // On a server database as a release does it: the migration step, then the app (which checks
    // the schema it finds). The embedded database is migrated by the app itself.
    command: `rm -rf ${dataDir} && ${process.env.E2E_DATABASE_URL ? "npm run -s db:migrate && " : ""}node server.js`,
    url: `http://127.0.0.1:${port}/healthz`,
    timeout: 120_000,
    reuseExistingServer: false,
    env: {
      NODE_ENV: "production",
      PORT: String(port),
      PGLITE_DIR: dataDir,
      ...(process.env.E2E_DATABASE_URL ? { DATABASE_URL: process.env.E2E_DATABASE_URL } : {}),
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
      LOG_LEVEL: "warn",
      // The tests sign in with the demo accounts, on the server database too.
      DEMO_DATA: "1",
      METRICS_TOKEN: E2E_METRICS_TOKEN,
      COOKIE_SECRETS: "e2e-cookie-key-not-secret-0123456789",
      // As behind the office's reverse proxy: tests that exhaust a per-address limit use their own address.
      TRUST_PROXY: "1",
    },
  },
});

import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Unit and integration tests; the browser tests run under Playwright (playwright.config.ts).
export default defineConfig({
  resolve: { alias: { "~": fileURLToPath(new URL("./app", import.meta.url)) } },
  test: {
    include: ["tests/unit/**/*.test.ts?(x)", "tests/integration/**/*.test.ts?(x)"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    setupFiles: ["tests/support/yield-between-tests.ts"],
  },
});

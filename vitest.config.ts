import { availableParallelism } from "node:os";
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
    // A worker per core. Vitest's default leaves one core free, which on a 2-core machine ran the
    // files one at a time: 711 s for the suite on the embedded database, 404 s with two workers.
    maxWorkers: availableParallelism(),
    minWorkers: availableParallelism(),
    globalSetup: ["tests/support/embedded-template.ts"],
    setupFiles: ["tests/support/yield-between-tests.ts"],
  },
});

import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { E2E_PORT } from "../../playwright.config";
import { generateRegistryCsv } from "../../scripts/gen-registry-csv";
import { DEMO_PASSWORDS, signIn } from "./demo";

/**
 * Operations, on a server process of its own (so it can be stopped): a registry import in flight
 * when SIGTERM arrives still completes, the process exits cleanly, and the logs it wrote are JSON
 * lines with request ids and hold no password and no INN.
 */
const port = E2E_PORT + 90;
const base = `http://127.0.0.1:${port}`;

function withoutDatabaseUrl(env: NodeJS.ProcessEnv) {
  const { DATABASE_URL: _unused, ...rest } = env;
  return rest;
}

function startServer(dataDir: string) {
  const child = spawn(process.execPath, ["server.js"], {
    env: { ...withoutDatabaseUrl(process.env), NODE_ENV: "production", PORT: String(port), PGLITE_DIR: dataDir, LOG_LEVEL: "info", PUBLIC_BASE_URL: base },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  return { child, logs: () => output };
}

async function waitHealthy() {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("server did not start");
}

const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

test("graceful shutdown finishes the in-flight import; logs are JSON without secrets", async ({ browser }) => {
  test.setTimeout(180_000);
  const dir = mkdtempSync(path.join(tmpdir(), "ops-"));
  const csv = path.join(dir, "registry.csv");
  writeFileSync(csv, generateRegistryCsv({ rows: 20_000, malformedShare: 0.02, officeCodes: ["002", "003", "004", "008"] }).lines.join("\n"));
  const server = startServer(path.join(dir, "db"));
  await waitHealthy();

  const page = await browser.newPage({ baseURL: base });
  await signIn(page, "admin");
  await page.goto("/admin/registry");
  await page.setInputFiles('input[type="file"]', csv);

  // The upload is slowed to 256 KB/s (the file is about 1.4 MB), so it is still going when the
  // page shows the import's progress, however fast or busy the machine: the signal lands mid-import.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 256 * 1024 });

  const done = exited(server.child);
  const responded = page.waitForResponse((r) => r.url().includes("/admin/registry") && r.request().method() === "POST", { timeout: 120_000 });
  await page.getByRole("button", { name: "Загрузить" }).click();
  await expect(page.getByTestId("import-progress")).toBeVisible({ timeout: 60_000 });
  server.child.kill("SIGTERM");
  // The import's answer comes once the import has finished (the action returns its report). The
  // page's follow-up request (Remix revalidates after an action) may find this, the only process,
  // already gone; behind nginx another one answers it, so the page is not checked here.
  const response = await responded;
  expect(response.status()).toBe(200);
  expect(await done).toBe(0);

  const lines = server.logs().split("\n").filter((l) => l.startsWith("{"));
  expect(lines.length).toBeGreaterThan(3);
  const records = lines.map((l) => JSON.parse(l) as { msg: string; requestId?: string });
  expect(records.filter((r) => r.msg === "request").every((r) => typeof r.requestId === "string")).toBe(true);
  expect(records.some((r) => r.msg === "shutting down")).toBe(true);
  // A new embedded database is set up by a child process (its memory goes with it), then served.
  const ready = records.filter((r) => r.msg === "database ready") as { seeded?: boolean }[];
  expect(records.some((r) => r.msg === "setting up the new embedded database in a child process")).toBe(true);
  expect(ready.map((r) => r.seeded)).toEqual([true, false]);
  // The installed Remix is the one the per-build route table and the matching caches were written for.
  expect(records.some((r) => r.msg.includes("route-matching") || r.msg.includes("route-table"))).toBe(false);
  const all = server.logs();
  expect(all).not.toContain(DEMO_PASSWORDS.admin.password);
  expect(all).not.toMatch(/\b[012]\d{13}\b/); // no INN anywhere in the logs
  await page.close();
});

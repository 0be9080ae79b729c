/**
 * `npm start`'s memory on the embedded database: the server's resident set once it answers and has
 * served 50 pages, and its peak (VmHWM), on a new data directory (created, migrated and seeded with
 * the demo data) and again on that same directory. Beside it, the limit measured in the same run:
 * the same build on a PostgreSQL server (DATABASE_URL, when set), i.e. the app without the embedded
 * database. Target (issue 20): ≤ 300 MB either way.
 *
 *   BENCH_APP_DIR=/tmp/bench-wt [DATABASE_URL=postgres://…] npm run bench -- start-memory
 *
 * Needs a production build (see `productionAppDir` in _server.ts).
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freshDatabase, productionAppDir, startProductionServer, table } from "./_server";

const appDir = productionAppDir();
if (!appDir) {
  console.log("start-memory: skipped — no production build (BENCH_APP_DIR, see _server.ts)");
  process.exit(0);
}
const TARGET_MB = 300;

function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: kb("VmRSS") / 1024, peak: kb("VmHWM") / 1024 };
}

async function pages(base: string, n: number) {
  for (let i = 0; i < n; i++) await (await fetch(`${base}/login`)).arrayBuffer();
}

/** `node scripts/start.js` (what `npm start` runs) on the embedded database in `dataDir`. */
async function embedded(dataDir: string) {
  const port = 3800 + Math.floor(Math.random() * 90);
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), PGLITE_DIR: dataDir, COOKIE_SECRETS: "bench-cookie-key-not-secret-0123456789", SECURE_COOKIES: "0" };
  delete env.DATABASE_URL;
  delete env.DEMO_DATA;
  const started = performance.now();
  const child = spawn(process.execPath, ["scripts/start.js"], { cwd: appDir!, env, stdio: ["ignore", "ignore", "inherit"] });
  const base = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/healthz`)).status < 500) break;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const ready = (performance.now() - started) / 1000;
  await pages(base, 50);
  const mem = memoryOf(child.pid!);
  child.kill("SIGTERM");
  await new Promise((r) => child.once("exit", r));
  return { ...mem, ready };
}

const dir = mkdtempSync(path.join(tmpdir(), "start-memory-"));
const rows: Record<string, string>[] = [];
const row = (what: string, m: { rss: number; peak: number; ready?: number }, limit = true) =>
  rows.push({
    what,
    "resident after 50 pages": `${m.rss.toFixed(0)} MB`,
    peak: `${m.peak.toFixed(0)} MB`,
    ready: m.ready ? `${m.ready.toFixed(1)} s` : "-",
    target: limit ? `≤ ${TARGET_MB} MB: ${m.rss <= TARGET_MB ? "met" : "not met"}` : "limit",
  });
try {
  row("npm start, embedded, new data directory", await embedded(path.join(dir, "pglite")));
  row("npm start, embedded, the same directory again", await embedded(path.join(dir, "pglite")));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
if (process.env.DATABASE_URL) {
  const bench = await freshDatabase(process.env.DATABASE_URL, "bench_memory");
  try {
    // No BENCH_SERVER_ARGS: the embedded rows above run `npm start` as it is.
    const server = await startProductionServer(appDir, bench.url, { nodeArgs: [] });
    await pages(server.base, 50);
    row("the same build on a PostgreSQL server (no embedded database)", memoryOf(server.pid), false);
    await server.stop();
  } finally {
    await bench.drop();
  }
}
table(rows);

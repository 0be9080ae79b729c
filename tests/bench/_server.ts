/** Shared by the server benchmarks: a fresh migrated database per run, dropped afterwards. */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, openSync, readdirSync, readFileSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import postgres from "postgres";
import { migrateDatabase, openDatabase, type DbHandle } from "../../db/client";

/** Without DATABASE_URL a server benchmark has nothing to measure: it says so and exits 0. */
export function serverUrlOrExit(name: string): string {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.log(`${name}: skipped — needs a PostgreSQL server: DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx tests/bench/${name}.ts`);
    process.exit(0);
  }
  return url;
}

export interface BenchDb {
  name: string;
  url: string;
  handle: DbHandle;
  sql: postgres.Sql;
  drop(): Promise<void>;
}

export async function freshDatabase(serverUrl: string, prefix: string, max = 20): Promise<BenchDb> {
  const name = `${prefix}_${randomBytes(4).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  const removeDatabase = async () => {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  };
  const handle = await openDatabase({ url, max });
  try {
    await migrateDatabase(handle);
  } catch (error) {
    await handle.close();
    await removeDatabase();
    throw error;
  }
  const sql = postgres(url, { max: 2, onnotice: () => {} });
  return {
    name,
    url,
    handle,
    sql,
    async drop() {
      try {
        await sql.end({ timeout: 5 });
        await handle.close();
      } finally {
        await removeDatabase();
      }
    },
  };
}

/**
 * The database of a benchmark that runs on either: a fresh one on the server (DATABASE_URL, dropped
 * by `close`), else PGlite in memory, migrated here. Not tests/support/db.ts: that one takes the test
 * run's migrated dump from vitest, and a benchmark runs as a node program.
 */
export async function benchDatabase(prefix: string): Promise<DbHandle> {
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    const bench = await freshDatabase(serverUrl, prefix);
    return { ...bench.handle, close: () => bench.drop() };
  }
  const handle = await openDatabase({ dataDir: "memory://" });
  await migrateDatabase(handle);
  return handle;
}

export function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** The middle value; with an even number of them, the mean of the two middle ones. */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function table(rows: Record<string, string | number>[]): void {
  const cols = Object.keys(rows[0]);
  const width = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
  const line = (cells: string[]) => "| " + cells.map((c, i) => c.padEnd(width[i])).join(" | ") + " |";
  console.log(line(cols));
  console.log("|" + width.map((w) => "-".repeat(w + 2)).join("|") + "|");
  for (const r of rows) console.log(line(cols.map((c) => String(r[c]))));
}

/**
 * The folder holding the production build to run (`server.js` + `build/`): BENCH_APP_DIR, else this
 * repository. A benchmark should run a build of its own, made in a copy, so that it never races
 * another `npm run build`:
 *   git archive HEAD | tar -x -C /tmp/bench-wt && ln -s "$PWD/node_modules" /tmp/bench-wt/node_modules
 *   (cd /tmp/bench-wt && npm run build)   # then BENCH_APP_DIR=/tmp/bench-wt
 */
export function productionAppDir(): string | null {
  const here = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
  const dir = path.resolve(process.env.BENCH_APP_DIR ?? here);
  return existsSync(path.join(dir, "build/server/index.js")) ? dir : null;
}

export interface RunningServer {
  base: string;
  pid: number;
  stop(): Promise<void>;
}

/** `name=value` pairs of a response's Set-Cookie headers. */
function cookiesOf(res: Response): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const eq = pair.indexOf("=");
    out.set(pair.slice(0, eq).trim(), pair.slice(eq + 1));
  }
  return out;
}

/**
 * Signs in as a browser would: GET /login for the csrf cookie and field, then POST /login. `send`
 * answers a Request: fetch over HTTP, or a build's request handler called in-process.
 */
export async function signIn(
  base: string,
  username: string,
  password: string,
  send: (request: Request) => Promise<Response> = (request) => fetch(request),
): Promise<{ cookie: string; csrf: string }> {
  const page = await send(new Request(`${base}/login`));
  const jar = cookiesOf(page);
  const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())?.[1];
  if (!csrf || !jar.get("csrf")) throw new Error("no csrf token on /login");
  const res = await send(
    new Request(`${base}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: `csrf=${jar.get("csrf")}` },
      body: new URLSearchParams({ csrf, username, password, redirectTo: "" }),
    }),
  );
  const session = cookiesOf(res).get("session");
  if (res.status !== 302 || !session) throw new Error(`sign-in of ${username} answered ${res.status}`);
  return { cookie: `csrf=${jar.get("csrf")}; session=${session}`, csrf };
}

/** A port nothing listens on now, as the kernel picks one: two servers started together never share one. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/**
 * `NODE_ENV=production node server.js` on a benchmark database (migrated by freshDatabase; the demo
 * data asked for, DEMO_DATA=1); resolves once /healthz answers.
 * Request logs stay on (info, as in production) but go to /dev/null (to a file named by
 * BENCH_SERVER_STDOUT, e.g. with BENCH_SERVER_ARGS="--trace-gc-nvp"); warnings and errors reach stderr.
 * Node's options: `nodeArgs`, else BENCH_SERVER_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof").
 */
export async function startProductionServer(
  appDir: string,
  databaseUrl: string,
  opts: { env?: Record<string, string>; nodeArgs?: string[] } = {},
): Promise<RunningServer> {
  const port = await freePort();
  const nodeArgs = opts.nodeArgs ?? process.env.BENCH_SERVER_ARGS?.split(" ").filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, "server.js"], {
    cwd: appDir,
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), DATABASE_URL: databaseUrl, SECURE_COOKIES: "0", DEMO_DATA: "1", COOKIE_SECRETS: "bench-cookie-key-not-secret-0123456789", ...opts.env },
    stdio: ["ignore", process.env.BENCH_SERVER_STDOUT ? openSync(process.env.BENCH_SERVER_STDOUT, "w") : "ignore", "inherit"],
  });
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/healthz`)).status < 500) break;
    } catch {
      if (i > 600) throw new Error("the server did not start");
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    base,
    pid: child.pid!,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

/** autocannon ships no type declarations: the part used here. */
export interface LoadResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
}
export interface LoadRun {
  result: LoadResult;
  /** Latency of every response, ms, sorted. */
  latencies: number[];
  byStatus: Record<number, number>;
}

/** Runs autocannon with `opts` and keeps every response's latency (autocannon itself prints no p95). */
export async function load(opts: Record<string, unknown>): Promise<LoadRun> {
  const { default: autocannon } = (await import("autocannon" as string)) as {
    default: (o: object, cb: (err: unknown, r: LoadResult) => void) => { on(ev: "response", f: (client: unknown, status: number, bytes: number, ms: number) => void): void };
  };
  const latencies: number[] = [];
  const byStatus: Record<number, number> = {};
  const result = await new Promise<LoadResult>((resolve, reject) => {
    const tracker = autocannon(opts, (err, r) => (err ? reject(err) : resolve(r)));
    tracker.on("response", (_client, status, _bytes, ms) => {
      latencies.push(ms);
      byStatus[status] = (byStatus[status] ?? 0) + 1;
    });
  });
  latencies.sort((a, b) => a - b);
  return { result, latencies, byStatus };
}

/**
 * N people working side by side, each sending `perSecond` requests a second (the next one waits
 * for the answer, as a person waits for the page), their clocks spread evenly over the period:
 * autocannon's `connectionRate` starts every connection's clock at once, so 50 "inspectors" would
 * click in the same millisecond every second. Keep-alive, one connection per person.
 */
export async function paced(people: number, perSecond: number, seconds: number, request: (person: number) => { url: string; init: RequestInit }): Promise<LoadRun> {
  const { Agent, fetch } = await import("undici");
  const latencies: number[] = [];
  const byStatus: Record<number, number> = {};
  let errors = 0;
  const period = 1000 / perSecond;
  const started = performance.now();
  const end = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: people }, async (_, i) => {
      const dispatcher = new Agent({ connections: 1, keepAliveTimeout: 60_000 });
      let next = started + (i * period) / people;
      while (next < end) {
        await new Promise((r) => setTimeout(r, Math.max(0, next - performance.now())));
        const { url, init } = request(i);
        const t0 = performance.now();
        try {
          const res = await fetch(url, { ...(init as object), redirect: "manual", dispatcher });
          await res.arrayBuffer();
          latencies.push(performance.now() - t0);
          byStatus[res.status] = (byStatus[res.status] ?? 0) + 1;
        } catch {
          errors++;
        }
        next = Math.max(next + period, performance.now());
      }
      await dispatcher.close();
    }),
  );
  latencies.sort((a, b) => a - b);
  const duration = (performance.now() - started) / 1000;
  return {
    result: { requests: { average: latencies.length / duration, total: latencies.length }, latency: { p50: 0, p99: 0 }, duration, errors, timeouts: 0, non2xx: 0 },
    latencies,
    byStatus,
  };
}

/** CPU seconds (user + system) of a Linux task from /proc: `pid`, or its thread `tid`. */
export function cpuSecondsOf(statPath: string): number {
  try {
    // Fields after the parenthesised command name: utime and stime are the 12th and 13th, in ticks.
    const fields = readFileSync(statPath, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/**
 * Where the CPU went during a phase, on Linux: the server process (all threads), its main thread
 * (JavaScript: Express, Remix, drizzle, the event loop) and every PostgreSQL process on the machine.
 */
export function cpuMeter(serverPid: number) {
  // Per process: a backend that exits during the phase (pgbench's, ending as the phase starts) must
  // not take its whole life's CPU away from the sum, so only the processes alive at the end count,
  // each from its reading at the start (0 if it started since).
  const postgresByPid = () => {
    const byPid = new Map<string, number>();
    for (const d of readdirSync("/proc")) {
      if (!/^\d+$/.test(d)) continue;
      try {
        if (readFileSync(`/proc/${d}/comm`, "utf8").trim() === "postgres") byPid.set(d, cpuSecondsOf(`/proc/${d}/stat`));
      } catch {
        // gone between the listing and the read
      }
    }
    return byPid;
  };
  const read = () => ({ server: cpuSecondsOf(`/proc/${serverPid}/stat`), main: cpuSecondsOf(`/proc/${serverPid}/task/${serverPid}/stat`), postgres: postgresByPid(), self: process.cpuUsage() });
  const postgresSince = (start: Map<string, number>, end: Map<string, number>) => [...end].reduce((sum, [pid, seconds]) => sum + seconds - (start.get(pid) ?? 0), 0);
  const start = read();
  return {
    /** CPU milliseconds per unit of work since the meter started. The server's includes its main thread. */
    per(units: number) {
      const end = read();
      const self = process.cpuUsage(start.self);
      const ms = (seconds: number) => (seconds * 1000) / units;
      return {
        server: ms(end.server - start.server),
        serverMainThread: ms(end.main - start.main),
        postgres: ms(postgresSince(start.postgres, end.postgres)),
        loadGenerator: ms((self.user + self.system) / 1e6),
      };
    },
  };
}

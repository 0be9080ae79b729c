/**
 * Credential API throughput against the limit Argon2id sets: cores ÷ one verification's time.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx tests/bench/credential-api.ts [concurrency=8] [seconds=10]
 *
 * 1. One Argon2id verification (m=19456, t=2, p=1), single-threaded: the median of 40 after warm-up.
 * 2. verifyCredentials (domain function: account lookup + one verification), C calls in flight.
 * 3. Over HTTP, when a production build exists (`npm run build`): POST /api/v1/credentials/verify
 *    against `NODE_ENV=production node server.js` on the same database, with an API key made by
 *    createApiClient; autocannon with C connections. Valid credentials, spread over 16 accounts
 *    (a valid answer refunds its per-login rate-limit hit).
 * @node-rs/argon2 runs on libuv's thread pool (UV_THREADPOOL_SIZE, default 4): with 2 cores, 4
 * threads are enough to keep both busy. Target: ≥ 80 % of the limit.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Db } from "../../db/client";
import { verifyCredentials } from "../../workflows";
import { createApiClient } from "../../workflows/api/clients";
import { hashPassword, verifyPassword } from "../../workflows/auth/argon";
import { createOffice, createStaff, createTaxpayer, grantedSubject, PASSWORD } from "../support/factories";
import { freshDatabase, percentile, serverUrlOrExit, table } from "./_server";

const serverUrl = serverUrlOrExit("credential-api");
const concurrency = Number(process.argv[2] ?? 8);
const seconds = Number(process.argv[3] ?? 10);
const cores = availableParallelism();
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

const bench = await freshDatabase(serverUrl, "bench_cred", concurrency + 2);
const db: Db = bench.handle.db;
let server: ReturnType<typeof spawn> | null = null;

try {
  // 1. One verification, alone.
  const hash = await hashPassword(PASSWORD);
  for (let i = 0; i < 5; i++) await verifyPassword(hash, PASSWORD);
  const single: number[] = [];
  for (let i = 0; i < 40; i++) {
    const t0 = performance.now();
    await verifyPassword(hash, PASSWORD);
    single.push(performance.now() - t0);
  }
  single.sort((a, b) => a - b);
  const oneVerify = percentile(single, 0.5);
  const limit = (cores * 1000) / oneVerify;

  // Accounts to verify against: granted through the workflow functions.
  const office = await createOffice(db, "002");
  const inspector = await createStaff(db, "inspector", office);
  const admin = await createStaff(db, "admin", null);
  const logins: string[] = [];
  for (let i = 0; i < 16; i++) {
    const inn = await createTaxpayer(db, office);
    const { login } = await grantedSubject(db, inspector, inn, new Date(Date.now() - 3_600_000));
    logins.push(login);
  }

  // 2. The domain function, C in flight.
  let k = 0;
  let done = 0;
  let invalid = 0;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const answer = await verifyCredentials(db, { login: logins[k++ % logins.length], password: PASSWORD }, new Date());
        if (!answer.valid) invalid++;
        done++;
      }
    }),
  );
  const domainRate = done / ((performance.now() - started) / 1000);
  const rows: Record<string, string | number>[] = [
    { what: "one Argon2id verify, single-threaded (median of 40)", figure: `${oneVerify.toFixed(1)} ms (p95 ${percentile(single, 0.95).toFixed(1)} ms)`, "of limit": "-" },
    { what: `limit = ${cores} cores ÷ one verify`, figure: `${limit.toFixed(1)} /s`, "of limit": "100 %" },
    { what: `verifyCredentials, ${concurrency} in flight, ${seconds} s (UV_THREADPOOL_SIZE=${process.env.UV_THREADPOOL_SIZE ?? "4 (default)"})`, figure: `${domainRate.toFixed(1)} /s (${done} calls, ${invalid} not valid)`, "of limit": `${((domainRate / limit) * 100).toFixed(0)} %` },
  ];

  // 3. Over HTTP, against the production build if there is one.
  if (!existsSync(path.join(root, "build/server/index.js"))) {
    rows.push({ what: "HTTP POST /api/v1/credentials/verify", figure: "skipped: no production build (run `npm run build` first)", "of limit": "-" });
  } else {
    const { key } = await createApiClient(db, admin, "Benchmark client");
    const port = 3900 + Math.floor(Math.random() * 90);
    server = spawn("node", ["server.js"], {
      cwd: root,
      env: { ...process.env, NODE_ENV: "production", PORT: String(port), DATABASE_URL: bench.url, LOG_LEVEL: "warn", SECURE_COOKIES: "0" },
      stdio: ["ignore", "inherit", "inherit"],
    });
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${base}/healthz`)).status < 500) break;
      } catch {
        if (i > 300) throw new Error("the server did not start");
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    // autocannon ships no type declarations: the few fields read here.
    type Result = { requests: { average: number }; latency: { p50: number; p99: number }; non2xx: number; errors: number };
    const { default: autocannon } = (await import("autocannon" as string)) as { default: (opts: object) => Promise<Result> };
    let j = 0;
    const result = await autocannon({
      url: `${base}/api/v1/credentials/verify`,
      connections: concurrency,
      duration: seconds,
      requests: [
        {
          method: "POST",
          headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
          setupRequest: (req: Record<string, unknown>) => ({ ...req, body: JSON.stringify({ login: logins[j++ % logins.length], password: PASSWORD }) }),
        },
      ],
    });
    const httpRate = result.requests.average;
    rows.push({
      what: `HTTP POST /api/v1/credentials/verify, ${concurrency} connections, ${seconds} s (production build)`,
      figure: `${httpRate.toFixed(1)} /s (p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, non-2xx ${result.non2xx}, errors ${result.errors})`,
      "of limit": `${((httpRate / limit) * 100).toFixed(0)} %`,
    });
  }
  table(rows);
  const ratio = domainRate / limit;
  console.log(`\ndomain verifyCredentials reaches ${(ratio * 100).toFixed(0)} % of the Argon2id limit (target ≥ 80 %): ${ratio >= 0.8 ? "PASS" : "FAIL"}`);
} finally {
  server?.kill("SIGTERM");
  if (server) await new Promise((r) => server!.once("exit", r));
  await bench.drop();
}

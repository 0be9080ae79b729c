/**
 * Scale of lookups: p50/p99 of findApplicationByInnAndCode and officeQueue at 10,000 and at
 * 1,000,000 applications (scripts/gen-applications.ts), and the plans of their statements.
 * Target: p99 at 1,000,000 ≤ 1.5 × p99 at 10,000; every statement reaches its rows through an index.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx tests/bench/lookup-scale.ts [lookups=2000] [large=1000000]
 *
 * One fresh database: 10,000 generated first and measured, then topped up to the large size (the
 * same open applications on the board, a longer history) and measured again. One client, one
 * request at a time: this is latency, not throughput.
 */
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import type { Db } from "../../db/client";
import { schema } from "../../db/client";
import { findApplicationByInnAndCode, officeQueue } from "../../workflows";
import { generateApplications } from "../../scripts/gen-applications";
import { freshDatabase, percentile, serverUrlOrExit, table } from "./_server";
import { outline, seqScans, type PlanNode } from "./_plans";

const serverUrl = serverUrlOrExit("lookup-scale");
const lookups = Number(process.argv[2] ?? 2000);
const large = Number(process.argv[3] ?? 1_000_000);
const small = 10_000;
const now = new Date();

const bench = await freshDatabase(serverUrl, "bench_lookup", 2);
// A drizzle instance like the app's (openDatabase), with a logger to capture the statements for EXPLAIN.
const client = postgres(bench.url, { max: 1, onnotice: () => {} });
let capture: { query: string; params: unknown[] }[] | null = null;
const db = drizzle(client, {
  schema,
  logger: { logQuery: (query, params) => capture?.push({ query, params }) },
}) as unknown as Db;

type Row = Record<string, string | number>;
const results: Row[] = [];
const plans: Row[] = [];

async function time(fn: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < lookups; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b);
}


async function explain(size: number, what: string, run: () => Promise<unknown>) {
  capture = [];
  await run();
  const statements = capture;
  capture = null;
  for (const [i, s] of statements.entries()) {
    const [row] = await client.unsafe(`explain (analyze, format json) ${s.query}`, s.params as never[]);
    const plan = (row["QUERY PLAN"] as { Plan: PlanNode; "Execution Time": number }[])[0];
    plans.push({
      size,
      statement: `${what} #${i + 1}`,
      "top node": outline(plan.Plan),
      "seq scans": seqScans(plan.Plan).join(", ") || "none",
      "exec ms": plan["Execution Time"].toFixed(3),
    });
  }
}

async function measure(size: number) {
  const sample = await bench.sql<{ inn: string; code: string }[]>`
    select inn, code from applications order by hashint8extended(abs(hashtext(code))::bigint, ${size}) limit ${lookups}`;
  const offices = (await bench.sql<{ code: string }[]>`select code from offices order by code`).map((o) => o.code);
  const board = await bench.sql<{ n: number }[]>`select count(*)::int as n from applications where status in ('presented', 'accepted')`;
  // Warm-up: connection, prepared statements, caches.
  for (let i = 0; i < 100; i++) {
    await findApplicationByInnAndCode(db, sample[i % sample.length].inn, sample[i % sample.length].code);
    await officeQueue(db, offices[i % offices.length], now);
  }
  let k = 0;
  const find = await time(async () => {
    const s = sample[k++ % sample.length];
    const view = await findApplicationByInnAndCode(db, s.inn, s.code);
    if (!view) throw new Error(`not found: ${s.inn}`);
  });
  let j = 0;
  const queue = await time(() => officeQueue(db, offices[j++ % offices.length], now));
  for (const [what, t] of [["find by INN+code", find], ["office queue", queue]] as const) {
    results.push({ size, query: what, lookups, "p50 ms": percentile(t, 0.5).toFixed(2), "p99 ms": percentile(t, 0.99).toFixed(2), "max ms": t.at(-1)!.toFixed(2), "open on board": board[0].n });
  }
  await explain(size, "find", () => findApplicationByInnAndCode(db, sample[0].inn, sample[0].code));
  await explain(size, "queue", () => officeQueue(db, "002", now));
}

try {
  const g1 = await generateApplications(bench.sql, { count: small, now });
  console.log(`generated ${g1.inserted} applications in ${g1.seconds.toFixed(1)} s`);
  await measure(small);
  const g2 = await generateApplications(bench.sql, { count: large - small, now, openPerOffice: 0 });
  console.log(`generated ${g2.inserted} more (total ${small + g2.inserted}) in ${g2.seconds.toFixed(1)} s`);
  await measure(large);

  console.log("\nLatency (one client, sequential):");
  table(results);
  console.log("\nPlans (EXPLAIN ANALYZE of each statement the function sends):");
  table(plans);
  const p99 = (size: number, q: string) => Number(results.find((r) => r.size === size && r.query === q)!["p99 ms"]);
  const growth = ["find by INN+code", "office queue"].map((q) => ({ query: q, "p99 growth": (p99(large, q) / p99(small, q)).toFixed(2) + "×" }));
  console.log("\nGrowth of p99 from 10,000 to " + large.toLocaleString("en") + " (target ≤ 1.5×):");
  table(growth.map((g) => ({ ...g, verdict: Number.parseFloat(g["p99 growth"]) <= 1.5 ? "PASS" : "FAIL" })));
  const seq = plans.filter((p) => p["seq scans"] !== "none");
  console.log(seq.length === 0 ? "Plans: every statement uses an index (no sequential scan)." : `Plans: sequential scans in ${seq.map((p) => p.statement).join(", ")}`);
} finally {
  await client.end();
  await bench.drop();
}

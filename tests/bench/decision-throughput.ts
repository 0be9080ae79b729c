/**
 * Decision throughput against the database's own limit, on the PostgreSQL server.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx tests/bench/decision-throughput.ts [concurrency=8] [seconds=10] [rounds=3]
 *
 * One fresh database (dropped afterwards), four offices with one inspector each, a registry entry
 * per applicant. Applications are made up front by scripts/gen-applications.ts, not by
 * submitApplication: their rows and snapshots are the ones submitApplication and the front desk
 * write, and they share one Argon2id hash made once (hashing a password per application, ~65 ms
 * each, would be the whole cost otherwise and is not part of a decision).
 *
 * 1. Front-desk flows: C concurrent workers take a saved application each and run
 *    presentApplication → acceptApplication → grantAccess (three transactions); decisions/s.
 * 2. Grants: C concurrent workers grant accepted applications (grantAccess: one transaction); grants/s.
 * 3. pgbench -M prepared -c C with tests/bench/sql/grant.sql: the statements of one grant (captured
 *    from postgres.js) as one transaction, on accepted applications made the same way; tps.
 * 2 and 3 take turns (`rounds` times); the ratio compares them: one transaction = one grant in
 * both. Target: app ≥ 50 % of pgbench (median over the rounds).
 *
 * BENCH_PROFILE=file writes a CPU profile of the first grant round (open it in Chrome DevTools).
 *
 * ANCHOR_EVERY_MS=N anchors the journal (decision 062) every N ms while the app grants, as an app
 * process does every ANCHOR_INTERVAL_SECONDS: a real local OpenSSL TSA stamps each office's chain
 * head, in the same process as the grants. pgbench runs without it, so the ratio is its whole cost.
 * Only odd rounds anchor: the even ones are the same run without it, so the two medians side by
 * side are an A/B pair taken on the same machine minutes apart.
 *
 * OUTBOX_AB=1 also runs pgbench, in each round, on grant.sql without its `queued` CTE (the notice's
 * outbox row, decision 064): the database's own cost of the outbox, as a ratio of the two.
 *
 * APP_PROCESSES=N runs step 2 in N app processes (tests/bench/_grant-worker.ts), each with
 * concurrency C/N and its own pool — as production runs with WEB_CONCURRENCY=N — while pgbench
 * keeps -c C -j 2.
 */
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Db } from "../../db/client";
import { acceptApplication, grantAccess, presentApplication, requiredChecklist, type StaffActor } from "../../workflows";
import { generateApplications } from "../../scripts/gen-applications";
import { verifyJournal } from "../../workflows/journal";
import { anchorChains } from "../../workflows/journal/anchor";
import { startLocalTsa } from "../../app/utils/local-tsa.server";
import { cpuMeter, freshDatabase, median, percentile, serverUrlOrExit, table } from "./_server";
import { startProfile } from "./_profile";

const serverUrl = serverUrlOrExit("decision-throughput");
const concurrency = Number(process.argv[2] ?? 8);
const seconds = Number(process.argv[3] ?? 10);
const rounds = Number(process.argv[4] ?? 3);
const here = path.dirname(fileURLToPath(import.meta.url));
const onlyHistory = { granted: 0, refused: 0, expired: 0, returned: 0, draft: 0 };

const bench = await freshDatabase(serverUrl, "bench_decide", concurrency + 2);
const db: Db = bench.handle.db;

interface Target {
  id: string;
  office: string;
}

/** C workers pulling from one list until it is empty or the time is up. */
async function drive(targets: Target[], step: (t: Target) => Promise<void>) {
  let next = 0;
  let done = 0;
  let errors = 0;
  const latencies: number[] = [];
  const firstError: string[] = [];
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline && next < targets.length) {
        const t = targets[next++];
        const t0 = performance.now();
        try {
          await step(t);
          done++;
          latencies.push(performance.now() - t0);
        } catch (e) {
          errors++;
          if (firstError.length === 0) firstError.push(String((e as Error).message ?? e));
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  if (next >= targets.length) console.log("  (ran out of prepared applications before the time was up)");
  latencies.sort((a, b) => a - b);
  return { done, errors, elapsed, rate: done / elapsed, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), firstError: firstError[0] };
}

/** Samples what the benchmark database's backends wait on, until stopped. */
function sampleWaits() {
  const counts = new Map<string, number>();
  let running = true;
  const loop = (async () => {
    while (running) {
      const rows = await bench.sql<{ k: string; n: number }[]>`
        select state || coalesce(' / ' || wait_event_type || ':' || wait_event, ' / on CPU') as k, count(*)::int as n
        from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and state <> 'idle' group by 1`;
      for (const r of rows) counts.set(r.k, (counts.get(r.k) ?? 0) + r.n);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return counts;
    },
  };
}
// BENCH_PROFILE=file.cpuprofile: a CPU profile of the app process during the first grant round (startProfile).
const waits: Map<string, number>[] = [];
const pgbenchWaits: Map<string, number>[] = [];
const anchorEveryMs = Number(process.env.ANCHOR_EVERY_MS ?? 0);
const tsa = anchorEveryMs > 0 ? await startLocalTsa({ name: "Bench" }) : null;
const anchoring = { rounds: 0, stamped: 0, failed: 0, ms: 0 };

/** While `work` runs, an anchoring round every ANCHOR_EVERY_MS (none when unset). */
async function withAnchoring<T>(work: Promise<T>, anchor: boolean): Promise<T> {
  if (!tsa || !anchor) return work;
  let running = true;
  const loop = (async () => {
    while (running) {
      const t0 = performance.now();
      const round = await anchorChains(db, { url: tsa.url, trustedPem: tsa.caCertPem });
      anchoring.ms += performance.now() - t0;
      anchoring.rounds++;
      anchoring.stamped += round.anchored.length;
      anchoring.failed += round.failed.length;
      await new Promise((r) => setTimeout(r, anchorEveryMs));
    }
  })();
  try {
    return await work;
  } finally {
    running = false;
    await loop;
  }
}
const outboxAb = process.env.OUTBOX_AB === "1";
const outboxRatios: number[] = [];
const appProcesses = Math.max(1, Number(process.env.APP_PROCESSES ?? 1));

/** Step 2 across several app processes: the targets are dealt out, the counts added up. */
async function driveInProcesses(targets: Target[], inspectors: Map<string, StaffActor>) {
  // A round's deal is what it can use (≤ 1,000 grants/s), so that later rounds get theirs.
  const share = Math.ceil(Math.min(targets.length, seconds * 1_000) / appProcesses);
  const results = await Promise.all(
    Array.from({ length: appProcesses }, (_, i) =>
      new Promise<{ done: number; errors: number; latencies: number[]; elapsed: number }>((resolve, reject) => {
        const child = spawn(process.execPath, ["--import", "tsx", path.join(here, "_grant-worker.ts")], { stdio: ["pipe", "pipe", "inherit"] });
        let out = "";
        child.stdout.on("data", (d) => (out += d));
        child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out.trim().split("\n").pop()!)) : reject(new Error(`worker exited ${code}`))));
        child.stdin.end(
          JSON.stringify({
            url: bench.url,
            concurrency: Math.max(1, Math.round(concurrency / appProcesses)),
            seconds,
            targets: targets.slice(i * share, (i + 1) * share),
            inspectors: Object.fromEntries(inspectors),
          }),
        );
      }),
    ),
  );
  // Each process times itself from its first grant (start-up excluded); they run side by side, so
  // the rate is the sum of their rates.
  const elapsed = Math.max(...results.map((r) => r.elapsed));
  const latencies = results.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const done = results.reduce((a, r) => a + r.done, 0);
  const rate = results.reduce((a, r) => a + r.done / r.elapsed, 0);
  // Every dealt target counts as used, so the next round never deals one twice.
  return { consumed: share * appProcesses, done, errors: results.reduce((a, r) => a + r.errors, 0), elapsed, rate, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), firstError: undefined as string | undefined };
}

try {
  const now = new Date();
  // pgbench's targets first, renumbered so that grant.sql can find the k-th one by its id.
  // Enough for every round at well above the rates seen here (app ≤ 1,000/s, pgbench ≤ 2,500/s).
  const pgbenchTargets = Math.max(40_000, rounds * seconds * 2_500);
  const appTargets = Math.max(20_000, rounds * seconds * 1_000);
  await generateApplications(bench.sql, { count: pgbenchTargets, now, mix: onlyHistory, openPerOffice: pgbenchTargets, presentedFifths: 0 });
  await bench.sql`
    update applications a set id = md5('grant-target-' || k)::uuid
    from (select id, row_number() over (order by code) as k from applications) r where a.id = r.id`;
  await bench.sql`create sequence bench_grant_seq`;
  const [{ n: pgbCount }] = await bench.sql<{ n: number }[]>`select count(*)::int as n from applications where status = 'accepted'`;
  await bench.sql`alter table applications add column bench_pgbench boolean not null default true`;
  await generateApplications(bench.sql, { count: appTargets, now, mix: onlyHistory, openPerOffice: appTargets, presentedFifths: 0 });
  await generateApplications(bench.sql, { count: 10_000, now, mix: { ...onlyHistory, draft: 1 }, openPerOffice: 0 });
  // The marker column is only there to tell the sets apart while preparing.
  await bench.sql`update applications set bench_pgbench = false where id not in (select md5('grant-target-' || g)::uuid from generate_series(1, ${pgbCount}) g)`;
  const targetsOf = (status: string) =>
    bench.sql<Target[]>`select a.id, t.office_code as office from applications a join taxpayers t using (inn)
                        where a.status = ${status} and not a.bench_pgbench order by a.code`;
  const drafts = await targetsOf("draft");
  const accepted = await targetsOf("accepted");
  await bench.sql`alter table applications drop column bench_pgbench`;
  await bench.sql`vacuum analyze`;
  const staff = await bench.sql<{ id: string; office_code: string; full_name: string }[]>`select id, office_code, full_name from staff_users where role = 'inspector'`;
  const inspector = new Map<string, StaffActor>(staff.map((s) => [s.office_code, { type: "staff", id: s.id, role: "inspector", officeCode: s.office_code, fullName: s.full_name }]));
  const ticked = requiredChecklist({ subjectType: "individual" });
  console.log(`prepared ${drafts.length} saved and ${accepted.length} accepted applications for the app, ${pgbCount} accepted for pgbench; concurrency ${concurrency}, ${seconds} s each`);

  const flows = await drive(drafts, async (t) => {
    const actor = inspector.get(t.office)!;
    await presentApplication(db, actor, t.id, new Date());
    await acceptApplication(db, actor, t.id, ticked, new Date());
    await grantAccess(db, actor, t.id, new Date());
  });
  // Grants and pgbench take turns, so that load from elsewhere on the machine hits both alike.
  const u = new URL(bench.url);
  const grantSql = path.join(here, "sql/grant.sql");
  const withoutOutbox = path.join(os.tmpdir(), `grant-without-outbox-${process.pid}.sql`);
  if (outboxAb) {
    const text = readFileSync(grantSql, "utf8");
    const stripped = text.replace(/, queued as \(insert into notices .*?\]\)\)/, "");
    if (stripped === text) throw new Error("grant.sql has no queued CTE to strip");
    writeFileSync(withoutOutbox, stripped);
  }
  // Run without blocking this process, so that sampleWaits sees pgbench's backends too.
  const pgbench = async (file = grantSql) => {
    const child = spawn(
      "pgbench",
      ["-n", "-M", "prepared", "-c", String(concurrency), "-j", String(Math.min(concurrency, 2)), "-T", String(seconds), "-f", file,
        // The app's transport: TCP to the URL's host, or PGHOST's Unix socket for postgres:///db.
        ...(u.hostname ? ["-h", u.hostname] : []), "-p", u.port || "5432", "-U", decodeURIComponent(u.username || process.env.PGUSER || "postgres"), bench.name],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    const pg = { stdout: "", stderr: "" };
    child.stdout.setEncoding("utf8").on("data", (d: string) => (pg.stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (pg.stderr += d));
    await new Promise((resolve) => child.on("close", resolve));
    const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(pg.stdout)?.[1] ?? NaN);
    if (!Number.isFinite(tps)) console.log(pg.stdout, pg.stderr);
    return {
      tps,
      failed: /number of failed transactions: (\d+)/.exec(pg.stdout)?.[1] ?? "?",
      processed: /number of transactions actually processed: (\d+)/.exec(pg.stdout)?.[1] ?? "?",
      latency: /latency average = ([\d.]+) ms/.exec(pg.stdout)?.[1] ?? "?",
    };
  };
  const rows: Record<string, string | number>[] = [
    { run: "app: front-desk flow (present→accept→grant)", transactions: "3 per decision", "app CPU": "", done: flows.done, errors: flows.errors, "per second": flows.rate.toFixed(1), "p50 ms": flows.p50.toFixed(1), "p99 ms": flows.p99.toFixed(1) },
  ];
  const ratios: number[] = [];
  const ceilings: { ratio: number; app: number; postgres: number }[] = [];
  let offset = 0;
  for (let round = 1; round <= rounds; round++) {
    const sampling = sampleWaits();
    const profile = round === 1 ? await startProfile() : null;
    const cpu = process.cpuUsage();
    const meter = cpuMeter(process.pid);
    const grants = await withAnchoring<Awaited<ReturnType<typeof driveInProcesses | typeof drive>>>(
      appProcesses > 1
        ? driveInProcesses(accepted.slice(offset), inspector)
        : drive(accepted.slice(offset), async (t) => {
            await grantAccess(db, inspector.get(t.office)!, t.id, new Date());
          }),
      round % 2 === 1,
    );
    const used = process.cpuUsage(cpu);
    const perGrant = meter.per(grants.done);
    await profile?.stop();
    const cpuMs = (used.user + used.system) / 1000;
    waits.push(await sampling.stop());
    offset += "consumed" in grants ? grants.consumed : grants.done + grants.errors;
    const pgSampling = sampleWaits();
    const pg = await pgbench();
    pgbenchWaits.push(await pgSampling.stop());
    ratios.push(grants.rate / pg.tps);
    // The most this machine could grant at the CPU a grant took here (this process and every
    // PostgreSQL process), its cores all busy and nothing waiting: the ceiling of the ratio.
    if (appProcesses === 1 && grants.done > 0) ceilings.push({ ratio: (os.availableParallelism() * 1000) / (perGrant.server + perGrant.postgres) / pg.tps, app: perGrant.server, postgres: perGrant.postgres });
    rows.push(
      { run: `round ${round} app: grantAccess${appProcesses > 1 ? ` (${appProcesses} processes)` : ""}`, transactions: "1 per grant", "app CPU": appProcesses > 1 ? "-" : `${((cpuMs / 1000 / grants.elapsed) * 100).toFixed(0)} %, ${(cpuMs / grants.done).toFixed(2)} ms/grant`, done: grants.done, errors: grants.errors, "per second": grants.rate.toFixed(1), "p50 ms": grants.p50.toFixed(1), "p99 ms": grants.p99.toFixed(1) },
      { run: `round ${round} pgbench: sql/grant.sql`, transactions: "1 per grant", "app CPU": "-", done: pg.processed, errors: pg.failed, "per second": pg.tps.toFixed(1), "p50 ms": `avg ${pg.latency}`, "p99 ms": "-" },
    );
    if (outboxAb) {
      const bare = await pgbench(withoutOutbox);
      outboxRatios.push(pg.tps / bare.tps);
      rows.push({ run: `round ${round} pgbench: grant.sql without the outbox`, transactions: "1 per grant", "app CPU": "-", done: bare.processed, errors: bare.failed, "per second": bare.tps.toFixed(1), "p50 ms": `avg ${bare.latency}`, "p99 ms": "-" });
    }
    if (grants.firstError) console.log("first error:", grants.firstError);
  }
  const [{ n: pgbenchGranted }] = await bench.sql<{ n: number }[]>`select count(*)::int as n from decisions d join applications a on a.id = d.application_id where a.id in (select md5('grant-target-' || g)::uuid from generate_series(1, ${pgbCount}) g)`;

  console.log("");
  table(rows);
  if (flows.firstError) console.log("first error:", flows.firstError);
  console.log("\nWhat the backends were doing during the grant rounds, the app's beside pgbench's (pg_stat_activity, sampled every 20 ms; shares of each side's samples, 1 % and above):");
  const shares = (rounds: Map<string, number>[]) => {
    const merged = new Map<string, number>();
    for (const w of rounds) for (const [k, v] of w) merged.set(k, (merged.get(k) ?? 0) + v);
    const total = [...merged.values()].reduce((a, b) => a + b, 0);
    return new Map([...merged].map(([k, v]) => [k, v / total]));
  };
  const [app, pgb] = [shares(waits), shares(pgbenchWaits)];
  const kinds = [...new Set([...app.keys(), ...pgb.keys()])].filter((k) => (app.get(k) ?? 0) >= 0.005 || (pgb.get(k) ?? 0) >= 0.005);
  const pct = (x = 0) => (x * 100).toFixed(0) + " %";
  table(kinds.sort((a, b) => (app.get(b) ?? 0) - (app.get(a) ?? 0)).map((k) => ({ "state / wait event": k, app: pct(app.get(k)), pgbench: pct(pgb.get(k)) })));
  const [{ n: pgbenchEntries }] = await bench.sql<{ n: number }[]>`select count(*)::int as n from journal_entries where action = 'application.granted' and entity_id::uuid in (select md5('grant-target-' || g)::uuid from generate_series(1, ${pgbCount}) g)`;
  console.log(`pgbench made ${pgbenchGranted} decisions in all, with ${pgbenchEntries} application.granted journal entries (one per transaction, none failed: ${rows.every((r) => r.errors === 0 || r.errors === "0")})`);
  // Both sides wrote linked, hashed entries into the same chains: the whole journal must verify.
  const verified = await verifyJournal(db);
  console.log(`journal:verify over both sides' entries: ${verified.ok ? "ok" : "BROKEN"}, ${verified.entries} entries in ${verified.chains} chains`);
  if (tsa) console.log(`anchoring during the app's rounds, every ${anchorEveryMs} ms: ${anchoring.rounds} rounds, ${anchoring.stamped} chain heads stamped, ${anchoring.failed} failed, ${(anchoring.ms / Math.max(1, anchoring.rounds)).toFixed(0)} ms a round`);
  if (outboxAb) {
    const m = median(outboxRatios);
    console.log(`pgbench with the outbox ÷ without, per round: ${outboxRatios.map((r) => (r * 100).toFixed(1) + " %").join(", ")}; median ${(m * 100).toFixed(1)} %`);
  }
  if (tsa) {
    const odd = ratios.filter((_, i) => i % 2 === 0);
    const even = ratios.filter((_, i) => i % 2 === 1);
    console.log(`app ÷ pgbench while anchoring (odd rounds): median ${(median(odd) * 100).toFixed(1)} %; without (even rounds): median ${(median(even) * 100).toFixed(1)} %`);
  }
  const ratio = median(ratios);
  console.log(`\napp grants/s ÷ pgbench grants/s, per round: ${ratios.map((r) => (r * 100).toFixed(1) + " %").join(", ")}; median ${(ratio * 100).toFixed(1)} % (target ≥ 70 %): ${ratio >= 0.7 ? "PASS" : "FAIL"}`);
  if (ceilings.length > 0) {
    const ms = (xs: number[]) => `${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)} ms`;
    console.log(
      `ceiling at the CPU a grant took (${os.availableParallelism()} cores ÷ (app ${ms(ceilings.map((c) => c.app))} + PostgreSQL ${ms(ceilings.map((c) => c.postgres))}) ÷ pgbench), per round: ` +
        `${ceilings.map((c) => (c.ratio * 100).toFixed(1) + " %").join(", ")}; median ${(median(ceilings.map((c) => c.ratio)) * 100).toFixed(1)} %`,
    );
  }
} finally {
  await tsa?.close();
  await bench.drop();
}

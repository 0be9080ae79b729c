/**
 * Two app processes on one database: each runs the deadline sweeper in a loop over the same
 * overdue applications; every overdue must be journaled exactly once.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx tests/bench/two-sweepers.ts [overdue=20000] [batch=200]
 *
 * A fresh database with `overdue` applications presented or accepted 1.5–10 hours ago (their
 * 20-minute decision clock long run out), made by scripts/gen-applications.ts. Two node child
 * processes (tests/bench/_sweeper-child.ts) start sweeping at the same instant. Afterwards:
 * journal entries "decision.overdue" (all, and distinct applications), applications marked
 * overdue, what each process says it recorded, and the journal's hash chains verified.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { verifyJournal } from "../../workflows/journal";
import { generateApplications } from "../../scripts/gen-applications";
import { freshDatabase, serverUrlOrExit, table } from "./_server";

const serverUrl = serverUrlOrExit("two-sweepers");
const overdue = Number(process.argv[2] ?? 20_000);
const batch = Number(process.argv[3] ?? 200);
const here = path.dirname(fileURLToPath(import.meta.url));
const bench = await freshDatabase(serverUrl, "bench_sweep", 4);
const only = { granted: 0, refused: 0, expired: 0, returned: 0, draft: 0 };

try {
  const now = new Date();
  await generateApplications(bench.sql, { count: overdue, now, mix: only, openPerOffice: overdue, openMinAgeMinutes: 30, openMaxAgeMinutes: 540 });
  const [{ n: due }] = await bench.sql<{ n: number }[]>`
    select count(*)::int as n from applications where status in ('presented', 'accepted') and decision_due_at <= ${now} and overdue_recorded_at is null`;

  const children = [1, 2].map(() =>
    spawn(process.execPath, ["--import", "tsx", path.join(here, "_sweeper-child.ts"), bench.url, now.toISOString(), String(batch)], {
      stdio: ["pipe", "pipe", "inherit"],
    }),
  );
  const outputs = children.map(
    (c) =>
      new Promise<{ decisionOverdue: number; sweeps: number; errors: string[] }>((resolve, reject) => {
        let out = "";
        c.stdout!.on("data", (d) => (out += d));
        c.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out.trim().split("\n").at(-1)!)) : reject(new Error(`sweeper exited ${code}`))));
      }),
  );
  await new Promise((r) => setTimeout(r, 3000)); // both processes loaded and connected
  const t0 = performance.now();
  for (const c of children) c.stdin!.end("go\n");
  const [a, b] = await Promise.all(outputs);
  const elapsed = (performance.now() - t0) / 1000;

  const [j] = await bench.sql<{ entries: number; distinct_apps: number; distinct_keys: number }[]>`
    select count(*)::int as entries, count(distinct entity_id)::int as distinct_apps, count(distinct idempotency_key)::int as distinct_keys
    from journal_entries where action = 'decision.overdue'`;
  const [{ n: marked }] = await bench.sql<{ n: number }[]>`select count(*)::int as n from applications where overdue_recorded_at is not null`;
  const journal = await verifyJournal(bench.handle.db);

  table([
    { figure: "overdue applications before the sweep", count: due },
    { figure: "process 1 recorded", count: `${a.decisionOverdue} (${a.sweeps} sweeps)` },
    { figure: "process 2 recorded", count: `${b.decisionOverdue} (${b.sweeps} sweeps)` },
    { figure: "failed sweeps (rolled back)", count: [...a.errors, ...b.errors].length ? `${a.errors.length + b.errors.length}: ${[...new Set([...a.errors, ...b.errors])].join("; ")}` : 0 },
    { figure: "journal entries decision.overdue", count: j.entries },
    { figure: "  distinct applications / idempotency keys", count: `${j.distinct_apps} / ${j.distinct_keys}` },
    { figure: "applications marked overdue_recorded_at", count: marked },
    { figure: "journal hash chains", count: journal.ok ? `intact (${journal.entries} entries)` : `BROKEN ${JSON.stringify(journal)}` },
    { figure: "wall time of both sweeps", count: `${elapsed.toFixed(1)} s` },
  ]);
  const pass = j.entries === due && j.distinct_apps === due && j.distinct_keys === due && marked === due && a.decisionOverdue + b.decisionOverdue === due && journal.ok && a.errors.length + b.errors.length === 0;
  console.log(`\neach overdue journaled exactly once by two processes: ${pass ? "PASS" : "FAIL"}`);
} finally {
  await bench.drop();
}

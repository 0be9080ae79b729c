/**
 * How the queue page's server CPU settles after the server starts: 50 inspectors in a closed loop
 * (as pages-under-load), in consecutive windows, with the CPU of each of the server's threads.
 *   DATABASE_URL=… BENCH_APP_DIR=… npx tsx tests/bench/_desk-curve.ts [windows=12] [seconds=5]
 */
import { readdirSync, readFileSync } from "node:fs";
import type { StaffActor } from "../../workflows/actor";
import { createStaff } from "../../workflows/auth/staff";
import { generateApplications } from "../../scripts/gen-applications";
import { cpuSecondsOf, freshDatabase, load, productionAppDir, serverUrlOrExit, signIn, startProductionServer } from "./_server";

const serverUrl = serverUrlOrExit("desk-curve");
const windows = Number(process.argv[2] ?? 12);
const seconds = Number(process.argv[3] ?? 5);
const bench = await freshDatabase(serverUrl, "desk_curve", 4);
const server = await startProductionServer(productionAppDir()!, bench.url, { env: { METRICS_TOKEN: "curve-metrics-token-0123456789" } });
/** Steal jiffies (the host's other guests) and a fixed piece of work's CPU time: the machine's speed now. */
const steal = () => Number(readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/)[8]);
const reference = () => {
  const t0 = process.cpuUsage();
  let x = 0;
  for (let i = 0; i < 3e7; i++) x = (x + i * 7) % 1_000_003;
  const u = process.cpuUsage(t0);
  return { ms: (u.user + u.system) / 1000, x };
};
/** The server's own garbage-collection seconds by kind, and its heap in use (MB), from /metrics. */
const metrics = async () => {
  const text = await (await fetch(`${server.base}/metrics`, { headers: { authorization: "Bearer curve-metrics-token-0123456789" } })).text();
  const gc = new Map([...text.matchAll(/nodejs_gc_duration_seconds_total\{[^}]*kind="(\w+)"\} ([\d.e-]+)/g)].map((m) => [m[1], Number(m[2])]));
  const heap = Number(/nodejs_heap_size_used_bytes\{[^}]*\} (\d+)/.exec(text)?.[1] ?? 0) / 1e6;
  return { gc, heap };
};
const threads = () => {
  const out = new Map<string, number>();
  for (const t of readdirSync(`/proc/${server.pid}/task`)) {
    const name = readFileSync(`/proc/${server.pid}/task/${t}/comm`, "utf8").trim();
    const key = t === String(server.pid) ? "main" : name;
    out.set(key, (out.get(key) ?? 0) + cpuSecondsOf(`/proc/${server.pid}/task/${t}/stat`));
  }
  return out;
};
try {
  await generateApplications(bench.sql, { count: 10_000 });
  const [admin] = await bench.sql<{ id: string; full_name: string }[]>`select id, full_name from staff_users where username = 'admin'`;
  const actor: StaffActor = { type: "staff", id: admin.id, role: "admin", officeCode: null, fullName: admin.full_name };
  const password = `Bench-${crypto.randomUUID()}!A1`;
  const cookies: string[] = [];
  for (let i = 0; i < 50; i++) {
    const username = `curve.inspector${i}`;
    await createStaff(bench.handle.db, actor, { username, fullName: `Инспектор ${i}`, role: "inspector", officeCode: "002", password });
    cookies.push((await signIn(server.base, username, password)).cookie);
  }
  let k = 0;
  let total = 0;
  for (let w = 0; w < windows; w++) {
    const ref = reference().ms;
    const st = steal();
    const m0 = await metrics();
    const before = threads();
    const run = await load({ url: `${server.base}/desk`, connections: 50, duration: seconds, requests: [{ method: "GET", setupRequest: (req: Record<string, unknown>) => ({ ...req, headers: { cookie: cookies[k++ % cookies.length] } }) }] });
    const after = threads();
    const m1 = await metrics();
    const n = run.latencies.length;
    total += n;
    const per = [...after].map(([name, s]) => [name, ((s - (before.get(name) ?? 0)) * 1000) / n] as const).filter(([, ms]) => ms >= 0.01).sort((a, b) => b[1] - a[1]);
    const all = per.reduce((sum, [, ms]) => sum + ms, 0);
    console.log(`window ${w + 1} (pages ${total - n + 1}–${total}): ${all.toFixed(2)} ms/page, ${(n / seconds).toFixed(0)} /s; ${per.map(([name, ms]) => `${name} ${ms.toFixed(2)}`).join(", ")}; GC ${[...m1.gc].map(([kind, sec]) => `${kind} ${(((sec - (m0.gc.get(kind) ?? 0)) * 1000) / n).toFixed(2)}`).join(" ")}; heap ${m1.heap.toFixed(0)} MB; reference ${ref.toFixed(0)} ms, steal ${steal() - st}`);
  }
} finally {
  await server.stop();
  await bench.drop();
}

/**
 * A/B of the queue page's server CPU: two production builds on one database, batches of GET /desk
 * alternated between them (8 in flight), server CPU per page read from /proc for each batch.
 *   DATABASE_URL=… npx tsx tests/bench/_ab-desk.ts /tmp/ab-old /tmp/ab-new [rounds=8] [perBatch=400] [path=/desk]
 * BENCH_SERVER_ARGS (Node's options) apply to B only: A runs with none.
 */
import type { StaffActor } from "../../workflows/actor";
import { createStaff } from "../../workflows/auth/staff";
import { generateApplications } from "../../scripts/gen-applications";
import { cpuSecondsOf, freshDatabase, median as med, serverUrlOrExit, signIn, startProductionServer } from "./_server";

const serverUrl = serverUrlOrExit("ab-desk");
const [dirA, dirB] = [process.argv[2], process.argv[3]];
const rounds = Number(process.argv[4] ?? 8);
const perBatch = Number(process.argv[5] ?? 400);
const path = process.argv[6] ?? "/desk";
/** AB_IN_FLIGHT: requests in flight per batch (8 unless set). */
const inFlight = Number(process.env.AB_IN_FLIGHT ?? 8);
/** AB_SESSIONS: sessions each server's requests take in turn (1 unless set), as that many inspectors' would. */
const sessions = Number(process.env.AB_SESSIONS ?? 1);
const bench = await freshDatabase(serverUrl, "ab_desk", 4);
const a = await startProductionServer(dirA, bench.url, { nodeArgs: [] });
const b = await startProductionServer(dirB, bench.url, { env: { DEMO_DATA: "0" } });
try {
  await generateApplications(bench.sql, { count: 10_000 });
  const [admin] = await bench.sql<{ id: string; full_name: string }[]>`select id, full_name from staff_users where username = 'admin'`;
  const actor: StaffActor = { type: "staff", id: admin.id, role: "admin", officeCode: null, fullName: admin.full_name };
  const password = `Bench-${crypto.randomUUID()}!A1`;
  await createStaff(bench.handle.db, actor, { username: "ab.inspector", fullName: "Инспектор А/Б", role: "inspector", officeCode: "002", password });
  const servers = [
    { name: "A", s: a, cookies: [] as string[], ms: [] as number[], bytes: 0 },
    { name: "B", s: b, cookies: [] as string[], ms: [] as number[], bytes: 0 },
  ];
  for (const x of servers) for (let i = 0; i < sessions; i++) x.cookies.push((await signIn(x.s.base, "ab.inspector", password)).cookie);
  let turn = 0;
  async function batch(x: (typeof servers)[number], n: number) {
    let left = n;
    const worker = async () => {
      while (left-- > 0) {
        const r = await fetch(`${x.s.base}${path}`, { headers: { cookie: x.cookies[turn++ % x.cookies.length], "accept-encoding": "identity" } });
        const body = await r.arrayBuffer();
        if (r.status !== 200) throw new Error(`${x.name} answered ${r.status}`);
        x.bytes = body.byteLength;
      }
    };
    await Promise.all(Array.from({ length: inFlight }, worker));
  }
  for (const x of servers) await batch(x, 1000); // warm: the JIT settles
  for (let r = 0; r < rounds; r++) {
    for (const x of r % 2 ? [...servers].reverse() : servers) {
      const t0 = cpuSecondsOf(`/proc/${x.s.pid}/stat`);
      await batch(x, perBatch);
      x.ms.push(((cpuSecondsOf(`/proc/${x.s.pid}/stat`) - t0) * 1000) / perBatch);
    }
  }
  for (const x of servers) console.log(`${x.name} ${x.name === "A" ? dirA : dirB}: median ${med(x.ms).toFixed(3)} ms/page (${x.ms.map((v) => v.toFixed(2)).join(" ")}), ${x.bytes} bytes`);
  // Each round's pair was taken back to back: their ratio is steadier than either figure.
  const ratios = servers[0].ms.map((v, i) => servers[1].ms[i] / v);
  console.log(`B ÷ A: ${(med(servers[1].ms) / med(servers[0].ms)).toFixed(3)} of the medians; median of the rounds' ratios ${med(ratios).toFixed(3)} (${ratios.filter((r) => r < 1).length} of ${ratios.length} rounds below 1)`);
} finally {
  await a.stop();
  await b.stop();
  await bench.drop();
}

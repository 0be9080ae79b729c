/**
 * A/B of a page's server CPU in one process: two production builds' request handlers, called in
 * turn with the same signed-in GET, no HTTP and no background jobs, so only the page's own work
 * is timed. Rounds alternate; each round's ratio B ÷ A is taken back to back.
 *   DATABASE_URL=… npx tsx tests/bench/_ab-render.ts /tmp/ab-old /tmp/ab-new [rounds=30] [perRound=100] [path=/desk]
 */
// Before anything loads @remix-run/router: route tables matched once, as server.js has them (decision 069).
import "../../server/route-matching.js";
import "../../server/route-table.js";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import type { StaffActor } from "../../workflows/actor";
import { createStaff } from "../../workflows/auth/staff";
import { generateApplications } from "../../scripts/gen-applications";
import { wholeBodyOf } from "../../server/whole-body.js";
import { freshDatabase, median as med, serverUrlOrExit, signIn } from "./_server";

const serverUrl = serverUrlOrExit("ab-render");
const [dirA, dirB] = [process.argv[2], process.argv[3]];
const rounds = Number(process.argv[4] ?? 30);
const perRound = Number(process.argv[5] ?? 100);
const path = process.argv[6] ?? "/desk";
const bench = await freshDatabase(serverUrl, "ab_render", 4);
Object.assign(process.env, { NODE_ENV: "production", DATABASE_URL: bench.url, SECURE_COOKIES: "0", DEMO_DATA: "1", COOKIE_SECRETS: "bench-cookie-key-not-secret-0123456789" });
try {
  const builds = [dirA, dirB].map((d) => import(`${d}/build/server/index.js`) as Promise<ServerBuild>);
  const sides = await Promise.all(
    builds.map(async (b, i) => {
      const build = await b;
      const entry = build.entry.module as unknown as { setRouteManifest?: (r: ServerBuild["routes"]) => void; startup?: () => Promise<void> };
      entry.setRouteManifest?.(build.routes);
      const handler = createRequestHandler(build, "production");
      return { name: i ? "B" : "A", dir: i ? dirB : dirA, handler, cookie: "", cpu: [] as number[], bytes: 0 };
    }),
  );
  const context = { requestId: "ab", cspNonce: "bm9uY2Vub25jZQ", clientIp: "127.0.0.1" };
  // The demo data, once: the first build's database set-up seeds it.
  await sides[0].handler(new Request("http://localhost/healthz"), context);
  await generateApplications(bench.sql, { count: 10_000 });
  const [admin] = await bench.sql<{ id: string; full_name: string }[]>`select id, full_name from staff_users where username = 'admin'`;
  const actor: StaffActor = { type: "staff", id: admin.id, role: "admin", officeCode: null, fullName: admin.full_name };
  const password = `Bench-${crypto.randomUUID()}!A1`;
  await createStaff(bench.handle.db, actor, { username: "ab.inspector", fullName: "Инспектор А/Б", role: "inspector", officeCode: "002", password });
  // A page's bytes travel beside its Response (decision 079): read as a browser would get them.
  const asSent = (res: Response) => {
    const whole = wholeBodyOf(res);
    return whole ? new Response(Buffer.from(whole), res) : res;
  };
  for (const side of sides) side.cookie = (await signIn("http://localhost", "ab.inspector", password, async (r) => asSent(await side.handler(r, context)))).cookie;
  async function batch(side: (typeof sides)[number], n: number) {
    for (let i = 0; i < n; i++) {
      const res = await side.handler(new Request(`http://localhost${path}`, { headers: { cookie: side.cookie } }), context);
      const bytes = wholeBodyOf(res)?.byteLength ?? (await res.arrayBuffer()).byteLength;
      if (res.status !== 200) throw new Error(`${side.name} answered ${res.status}`);
      side.bytes = bytes;
    }
  }
  for (const side of sides) await batch(side, 1500); // the JIT settles
  for (let r = 0; r < rounds; r++) {
    for (const side of r % 2 ? [...sides].reverse() : sides) {
      const start = process.cpuUsage();
      await batch(side, perRound);
      const used = process.cpuUsage(start);
      side.cpu.push((used.user + used.system) / 1000 / perRound);
    }
  }
  for (const s of sides) console.log(`${s.name} ${s.dir}: median ${med(s.cpu).toFixed(3)} ms/page, ${s.bytes} bytes`);
  const ratios = sides[0].cpu.map((v, i) => sides[1].cpu[i] / v);
  console.log(`B ÷ A: ${(med(sides[1].cpu) / med(sides[0].cpu)).toFixed(3)} of the medians; median of the rounds' ratios ${med(ratios).toFixed(3)} (${ratios.filter((x) => x < 1).length} of ${ratios.length} rounds below 1)`);
} catch (error) {
  // Said, not swallowed: the exit below would end the process before an uncaught error is printed.
  console.error(error);
  process.exitCode = 1;
} finally {
  await bench.drop();
  process.exit(process.exitCode ?? 0);
}

/**
 * The top frames of a CPU profile (`--cpu-prof`, BENCH_PROFILE), as docs/benchmarks.md gives them.
 *
 *   npx tsx tests/bench/_profile-top.ts file.cpuprofile [frames=15] [name,name,…] [from=0] [to]
 *
 * Prints the busy samples' self time by package (node_modules/<package>, Node's own `node:` code,
 * V8's collector and program, and everything else, i.e. the app's build, as `app`), the frames with
 * the most self time, and, for each name given, the share of busy samples with a frame of that name
 * on the stack (its total time; an async function's stack ends at its first await, so give the
 * synchronous frames). Shares are of the busy samples: `(idle)` is left out. `from` and `to`
 * (seconds into the profile) keep one window: a benchmark's measured phase, without a server's
 * start-up and warm-up.
 */
import { readFileSync } from "node:fs";

interface CallFrame { functionName: string; url: string; lineNumber: number }
interface ProfileNode { id: number; callFrame: CallFrame; children?: number[] }
interface Profile { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] }

const [file, framesArg, namesArg, fromArg, toArg] = process.argv.slice(2);
const frames = Number(framesArg ?? 15);
const fromS = Number(fromArg || 0);
const toS = toArg ? Number(toArg) : Infinity;
if (!file || !Number.isInteger(frames) || !Number.isFinite(fromS) || Number.isNaN(toS) || toS <= fromS) {
  console.error("usage: _profile-top.ts file.cpuprofile [frames=15] [name,name,…] [from=0] [to] (seconds, to > from)");
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

/** Where a frame's code lives: a package, Node itself, the app, or V8's own entries. */
function packageOf(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (!url) return functionName.startsWith("(") ? functionName : "(native)";
  if (url.startsWith("node:")) return "node";
  const at = url.lastIndexOf("node_modules/");
  if (at < 0) return "app";
  const rest = url.slice(at + "node_modules/".length).split("/");
  return rest[0].startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0];
}

// Each sample weighs the time until the next one, the last one until the profile's end. V8 now and
// then writes a delta below zero (samples out of order): such a sample weighs nothing.
const times: number[] = [];
profile.timeDeltas.reduce((t, d, i) => (times[i] = t + d), profile.startTime);
const weights = times.map((t, i) => Math.max(0, (times[i + 1] ?? profile.endTime) - t));

const selfByPackage = new Map<string, number>();
const selfByFrame = new Map<string, number>();
const names = (namesArg ?? "").split(",").filter(Boolean);
const totalByName = new Map<string, number>(names.map((n) => [n, 0]));
const [fromUs, toUs] = [profile.startTime + fromS * 1e6, profile.startTime + toS * 1e6];
let busy = 0;
let sampled = 0;
profile.samples.forEach((id, i) => {
  if (times[i] < fromUs || times[i] >= toUs) return;
  sampled += weights[i];
  const node = byId.get(id)!;
  if (node.callFrame.functionName === "(idle)") return;
  const w = weights[i];
  busy += w;
  const pkg = packageOf(node.callFrame);
  selfByPackage.set(pkg, (selfByPackage.get(pkg) ?? 0) + w);
  const f = node.callFrame;
  // A built-in (no script) keeps its name: `writeUtf8String (native)` says more than "(native)".
  const where = f.url ? `${pkg} ${f.url.slice(f.url.lastIndexOf("/") + 1)}:${f.lineNumber + 1}` : null;
  const frame = where ? `${f.functionName || "(anonymous)"} ${where}` : pkg === "(native)" ? `${f.functionName} (native)` : pkg;
  selfByFrame.set(frame, (selfByFrame.get(frame) ?? 0) + w);
  if (names.length === 0) return;
  const seen = new Set<string>();
  for (let up: number | undefined = id; up !== undefined; up = parent.get(up)) {
    const fn = byId.get(up)!.callFrame.functionName;
    if (totalByName.has(fn) && !seen.has(fn)) {
      seen.add(fn);
      totalByName.set(fn, totalByName.get(fn)! + w);
    }
  }
});

if (busy === 0) {
  console.error(`${file}: no busy samples between ${fromS} and ${toS} s`);
  process.exit(1);
}
const pct = (v: number) => `${((100 * v) / busy).toFixed(1)} %`;
const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n);
console.log(`${file}: ${(busy / 1000).toFixed(0)} ms busy of ${(sampled / 1000).toFixed(0)} ms sampled`);
console.log("\nself time by package:");
for (const [k, v] of top(selfByPackage, 20)) console.log(`  ${pct(v).padStart(7)}  ${k}`);
console.log(`\nframes with the most self time:`);
for (const [k, v] of top(selfByFrame, frames)) console.log(`  ${pct(v).padStart(7)}  ${k}`);
if (names.length) {
  console.log("\ntotal time (on the stack):");
  for (const [k, v] of totalByName) console.log(`  ${pct(v).padStart(7)}  ${k}`);
}

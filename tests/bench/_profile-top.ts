/**
 * The top frames of a CPU profile (`--cpu-prof`, BENCH_PROFILE), as docs/benchmarks.md gives them.
 *
 *   npx tsx tests/bench/_profile-top.ts file.cpuprofile [frames=15] [name,name,…] [from=0] [to]
 *
 * Prints the busy samples' self time by package (node_modules/<package>, Node's own `node:` code,
 * the app's build, V8's collector and program), the frames with the most self time, and, for each
 * name given, the share of busy samples with a frame of that name on the stack (its total time;
 * an async function's stack ends at its first await, so give the synchronous frames).
 * Shares are of the busy samples: `(idle)` is left out. `from` and `to` (seconds into the profile) keep
 * one window: a benchmark's measured phase, without a server's start-up and warm-up.
 */
import { readFileSync } from "node:fs";

interface CallFrame { functionName: string; url: string; lineNumber: number }
interface ProfileNode { id: number; callFrame: CallFrame; children?: number[] }
interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

const [file, framesArg, namesArg, fromArg, toArg] = process.argv.slice(2);
if (!file) {
  console.error("usage: _profile-top.ts file.cpuprofile [frames=15] [name,name,…] [from=0] [to]");
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

// Each sample weighs the time until the next one (timeDeltas[i + 1]); the last one, the mean.
const weights = profile.samples.map((_, i) => profile.timeDeltas[i + 1] ?? 0);
const mean = weights.reduce((a, b) => a + b, 0) / Math.max(1, weights.length - 1);
weights[weights.length - 1] = mean;

const selfByPackage = new Map<string, number>();
const selfByFrame = new Map<string, number>();
const names = (namesArg ?? "").split(",").filter(Boolean);
const totalByName = new Map<string, number>(names.map((n) => [n, 0]));
const fromUs = Number(fromArg ?? 0) * 1e6;
const toUs = toArg ? Number(toArg) * 1e6 : Infinity;
let at = 0;
let busy = 0;
let sampled = 0;
profile.samples.forEach((id, i) => {
  at += profile.timeDeltas[i];
  if (at < fromUs || at >= toUs) return;
  sampled += weights[i];
  const node = byId.get(id)!;
  if (node.callFrame.functionName === "(idle)") return;
  const w = weights[i];
  busy += w;
  const pkg = packageOf(node.callFrame);
  selfByPackage.set(pkg, (selfByPackage.get(pkg) ?? 0) + w);
  const f = node.callFrame;
  // A built-in (no script) keeps its name: `writeUtf8String (native)` says more than "(native)".
  const frame = f.url ? `${f.functionName || "(anonymous)"} ${pkg}:${f.lineNumber + 1}` : pkg === "(native)" ? `${f.functionName} (native)` : pkg;
  selfByFrame.set(frame, (selfByFrame.get(frame) ?? 0) + w);
  if (names.length === 0) return;
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const fn = byId.get(at)!.callFrame.functionName;
    if (totalByName.has(fn) && !seen.has(fn)) {
      seen.add(fn);
      totalByName.set(fn, totalByName.get(fn)! + w);
    }
  }
});

const pct = (v: number) => `${((100 * v) / busy).toFixed(1)} %`;
const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n);
const frames = Number(framesArg ?? 15);
console.log(`${file}: ${(busy / 1000).toFixed(0)} ms busy of ${(sampled / 1000).toFixed(0)} ms sampled`);
console.log("\nself time by package:");
for (const [k, v] of top(selfByPackage, 20)) console.log(`  ${pct(v).padStart(7)}  ${k}`);
console.log(`\nframes with the most self time:`);
for (const [k, v] of top(selfByFrame, frames)) console.log(`  ${pct(v).padStart(7)}  ${k}`);
if (names.length) {
  console.log("\ntotal time (on the stack):");
  for (const [k, v] of totalByName) console.log(`  ${pct(v).padStart(7)}  ${k}`);
}

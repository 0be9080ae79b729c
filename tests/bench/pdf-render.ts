/**
 * PDF rendering benchmark: the two-copy decision to grant, after one warm-up render.
 * Run: npx tsx tests/bench/pdf-render.ts [iterations=200]
 */
import { performance } from "node:perf_hooks";
import { renderDocument } from "../../templates";
import { decisionGrant } from "../unit/templates/fixtures";

const iterations = Number(process.argv[2] ?? 200);
const warm = await renderDocument("decision_grant", decisionGrant);
const times: number[] = [];
for (let i = 0; i < iterations; i++) {
  const t0 = performance.now();
  await renderDocument("decision_grant", decisionGrant);
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
console.log(`PDF render, two-copy decision to grant (${warm.length} bytes), ${iterations} runs after warm-up:`);
console.log(`median ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms, min ${times[0].toFixed(1)} ms, max ${times[times.length - 1].toFixed(1)} ms`);

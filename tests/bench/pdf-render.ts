/**
 * PDF rendering benchmark: the two-copy decision to grant, beside its limit measured in the same
 * process: a plain two-page PDF with the same words in the same font (the decision's own text, read
 * back from its PDF with poppler's pdftotext, one page per copy, regular weight, no boxes, no QR).
 * Its floor, measured beside it: the decision's own lines (poppler's pdftohtml), each in the face and
 * size the paper sets it, one after another with no boxes, rules or QR code; and the same lines in
 * the regular face only. What the paper's two faces cost by themselves bounds the ratio from below.
 * All are rendered in alternation after a warm-up, so all see the same machine.
 * Run: npm run bench -- pdf-render [-- iterations=200]
 * BENCH_PROFILE=file.cpuprofile writes a CPU profile of the decision's renders.
 */
import { execFileSync } from "node:child_process";
import { performance } from "node:perf_hooks";
import { Document, Page, Text, renderToBuffer } from "@react-pdf/renderer";
import { createElement as h } from "react";
import { renderDocument, warmUpRenderer } from "../../templates";
import { FONT_FAMILY, prepareFonts } from "../../templates/fonts";
import { decisionGrant } from "../unit/templates/fixtures";
import { startProfile } from "./_profile";
import { median } from "./_server";

// A child of this script: the first decision a fresh process prints, cold or after the server's warm-up.
if (process.env.PDF_FIRST) {
  if (process.env.PDF_FIRST === "warm") await warmUpRenderer();
  const t0 = performance.now();
  await renderDocument("decision_grant", decisionGrant);
  console.log((performance.now() - t0).toFixed(1));
  process.exit(0);
}
const first = (mode: string) => {
  const runs = Array.from({ length: 5 }, () => Number(execFileSync(process.execPath, [process.argv[1]], { env: { ...process.env, PDF_FIRST: mode } }).toString()));
  return runs.sort((a, b) => a - b)[2];
};
const firstCold = first("cold");
const firstWarm = first("warm");

const iterations = Number(process.argv[2] ?? 200);
await prepareFonts();
const warm = await renderDocument("decision_grant", decisionGrant);
const pages = execFileSync("pdftotext", ["-layout", "-", "-"], { input: warm }).toString("utf8").split("\f").filter((p) => p.trim());
const plainDocument = h(
  Document,
  null,
  pages.map((text, i) =>
    h(Page, { key: i, size: "A4", style: { fontFamily: FONT_FAMILY, fontSize: 9, padding: 40 } },
      text.split("\n").map((line, j) => h(Text, { key: j }, line.replace(/\s+/g, " ").trim() || " ")),
    ),
  ),
);
const plain = () => renderToBuffer(plainDocument);
const plainBytes = (await plain()).length;

// The decision's lines as the paper sets them: pdftohtml names each line's size and marks bold.
const xml = execFileSync("pdftohtml", ["-xml", "-i", "-stdout", "-", "/dev/null"], { input: warm }).toString("utf8");
const entities: Record<string, string> = { "&quot;": '"', "&amp;": "&", "&lt;": "<", "&gt;": ">", "&#39;": "'" };
const typesetPages = xml.split("<page ").slice(1).map((page) => {
  // pdftohtml's sizes are at 1.5× (its 108 dpi against the PDF's 72).
  const sizes = new Map([...page.matchAll(/<fontspec id="(\d+)" size="(\d+)"/g)].map((m) => [m[1], Number(m[2]) / 1.5]));
  return [...page.matchAll(/<text [^>]*font="(\d+)">(.*?)<\/text>/g)].map((m) => ({
    fontSize: sizes.get(m[1]) ?? 9,
    bold: m[2].includes("<b>"),
    text: m[2].replace(/<[^>]+>/g, "").replace(/&(quot|amp|lt|gt|#39);/g, (e) => entities[e]),
  }));
});
const typesetDocument = (bold: boolean) =>
  h(
    Document,
    null,
    typesetPages.map((lines, i) =>
      h(Page, { key: i, size: "A4", style: { fontFamily: FONT_FAMILY, padding: 40 } },
        lines.map((l, j) => h(Text, { key: j, style: { fontSize: l.fontSize, fontWeight: bold && l.bold ? 700 : 400 } }, l.text)),
      ),
    ),
  );
const typesetFaces = typesetDocument(true);
const typesetRegular = typesetDocument(false);
const boldLines = typesetPages.flat().filter((l) => l.bold).length;

const profile = await startProfile();
const decision: number[] = [];
const baseline: number[] = [];
const faces: number[] = [];
const regular: number[] = [];
const timed = async (into: number[], render: () => Promise<unknown>) => {
  const t0 = performance.now();
  await render();
  into.push(performance.now() - t0);
};
for (let i = 0; i < iterations; i++) {
  await timed(decision, () => renderDocument("decision_grant", decisionGrant));
  if (profile) continue;
  await timed(baseline, plain);
  await timed(faces, () => renderToBuffer(typesetFaces));
  await timed(regular, () => renderToBuffer(typesetRegular));
}
await profile?.stop();
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];
console.log(`PDF render, ${iterations} runs of each after warm-up, alternating:`);
console.log(`| document | bytes | median ms | p95 ms |\n|---|---|---|---|`);
console.log(`| two-copy decision to grant | ${warm.length} | ${median(decision).toFixed(1)} | ${p95(decision).toFixed(1)} |`);
if (!profile) {
  console.log(`| limit: plain two-page text, same words and font (${pages.length} pages) | ${plainBytes} | ${median(baseline).toFixed(1)} | ${p95(baseline).toFixed(1)} |`);
  console.log(`| floor: the decision's ${typesetPages.flat().length} lines in its faces and sizes (${boldLines} bold), no boxes, rules or QR | — | ${median(faces).toFixed(1)} | ${p95(faces).toFixed(1)} |`);
  console.log(`| the same lines, regular face only | — | ${median(regular).toFixed(1)} | ${p95(regular).toFixed(1)} |`);
  const ratio = median(decision) / median(baseline);
  const floor = median(faces) / median(baseline);
  console.log(`decision ÷ plain (medians): ${ratio.toFixed(2)}× (target ≤ 1.15×): ${ratio <= 1.15 ? "met" : "not met"}`);
  console.log(`floor ÷ plain: ${floor.toFixed(2)}× with the paper's two faces, ${(median(regular) / median(baseline)).toFixed(2)}× with one; the boxes, rules and QR code: ${(median(decision) / median(faces)).toFixed(2)}× over the floor`);
}

console.log(`a fresh process's first decision (median of 5 processes): ${firstCold.toFixed(1)} ms cold, ${firstWarm.toFixed(1)} ms after the server's start-up warm-up (warmUpRenderer)`);

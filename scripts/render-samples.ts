/**
 * Renders every printed document with hostile sample data, on the default paper (Kyrgyz and Russian),
 * to artifacts/documents/<name>.pdf and page images <name>-<page>.png (pdftoppm -r 80), so a
 * reviewer can look at the layout.
 * Run: npx tsx scripts/render-samples.ts
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { renderDocument } from "../templates";
import { samples } from "../tests/unit/templates/fixtures";

const out = path.resolve("artifacts/documents");
mkdirSync(out, { recursive: true });
for (const sample of samples) {
  // Page images of an earlier, longer render would otherwise linger next to the new ones.
  for (const f of readdirSync(out)) if (f.startsWith(`${sample.name}-`) && /^\d+\.png$/.test(f.slice(sample.name.length + 1))) rmSync(path.join(out, f));
  const pdf = await renderDocument(sample.kind, sample.props as never);
  const file = path.join(out, `${sample.name}.pdf`);
  writeFileSync(file, pdf);
  try {
    execFileSync("pdftoppm", ["-r", "80", "-png", file, path.join(out, sample.name)]);
  } catch {
    console.warn("pdftoppm not found (poppler-utils): PDFs written without page images");
  }
  console.log(`${sample.name}: ${pdf.length} bytes`);
}
console.log(`written to ${out}`);

// `npm run bench [-- <name filter>... [-- <arguments>]]`: runs every benchmark script in this folder
// in turn (or those whose name contains a filter, with the arguments after a second `--`) and
// prints their figures. Heavy ones (large data sets, load against a server) need DATABASE_URL and
// say so when it is missing.
//
// Each benchmark is compiled into one JavaScript file first (esbuild, next to its source, removed
// afterwards) and run by node: the product runs compiled code (the Vite build), not TypeScript
// transformed on the fly by tsx's loader, whose wrappers show up in a CPU profile of a hot path.
import { spawnSync } from "node:child_process";
import { readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = path.dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const split = argv.indexOf("--");
const only = split < 0 ? argv : argv.slice(0, split);
const args = split < 0 ? [] : argv.slice(split + 1);
const scripts = readdirSync(here)
  .filter((f) => f.endsWith(".ts") && f !== "run.ts" && !f.startsWith("_"))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
let failed = 0;
for (const script of scripts) {
  console.log(`\n## ${script}${args.length ? ` ${args.join(" ")}` : ""}`);
  // Beside its source, so that paths taken from import.meta.url stay right.
  // Named by this process too: two runs at once in one checkout do not overwrite each other's file.
  const compiled = path.join(here, `.${script.replace(/\.ts$/, "")}.${process.pid}.compiled.mjs`);
  try {
    await build({
      entryPoints: [path.join(here, script)],
      outfile: compiled,
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      packages: "external",
      jsx: "automatic",
      logLevel: "error",
    });
    const r = spawnSync(process.execPath, [compiled, ...args], { stdio: "inherit", env: process.env });
    if (r.status !== 0) failed++;
  } finally {
    rmSync(compiled, { force: true });
  }
}
process.exit(failed ? 1 : 0);

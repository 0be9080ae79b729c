// Whether the production build is older than the sources it was made from. Plain JavaScript, read
// by scripts/start.js before anything is compiled.
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

/** What the build is made from: a change to any of these makes the build stale. */
export const BUILD_INPUTS = {
  dirs: ["app", "workflows", "db", "templates", "public"],
  files: ["package.json", "package-lock.json", "vite.config.ts", "remix.config.js", "tsconfig.json"],
};
export const BUILD_OUTPUT = "build/server/index.js";

/** The newest file under `dir` (recursively): [mtime in ms, path], or [0, null] if none. */
function newestUnder(dir) {
  let newest = [0, null];
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const found = entry.isDirectory() ? newestUnder(full) : entry.isFile() ? [statSync(full).mtimeMs, full] : [0, null];
    if (found[0] > newest[0]) newest = found;
  }
  return newest;
}

/**
 * `{ stale: false }` when the build exists and is newer than every input; else `{ stale: true,
 * reason }`. `git pull` and `git checkout` give every file they change the current time, so a
 * build made before them is older than what they brought.
 */
export function buildState(root = process.cwd()) {
  const output = path.join(root, BUILD_OUTPUT);
  if (!existsSync(output)) return { stale: true, reason: "no production build yet" };
  const built = statSync(output).mtimeMs;
  let newest = [0, null];
  for (const dir of BUILD_INPUTS.dirs) {
    const found = newestUnder(path.join(root, dir));
    if (found[0] > newest[0]) newest = found;
  }
  for (const file of BUILD_INPUTS.files) {
    const full = path.join(root, file);
    if (existsSync(full) && statSync(full).mtimeMs > newest[0]) newest = [statSync(full).mtimeMs, full];
  }
  if (newest[0] > built) return { stale: true, reason: `${path.relative(root, newest[1])} changed after the build` };
  return { stale: false };
}

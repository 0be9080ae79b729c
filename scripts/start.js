// `npm start`: build when there is no production build or the sources changed after it (a `git
// pull`), then serve it. Plain JavaScript that runs before any TypeScript, so it sets NODE_ENV
// itself (app/utils/env.server.ts reads it afterwards).
import { spawnSync } from "node:child_process";
import { buildState } from "./build-state.js";

const state = buildState();
if (state.stale) {
  console.log(`Building (${state.reason})…`);
  const built = spawnSync("npx", ["remix", "vite:build"], { stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
process.env.NODE_ENV = "production";
await import("../server.js");

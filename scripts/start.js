// `npm start`: build once when no production build exists, then serve it. Plain JavaScript that runs
// before any TypeScript, so it sets NODE_ENV itself (app/utils/env.server.ts reads it afterwards).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

if (!existsSync("build/server/index.js")) {
  console.log("No production build yet: building…");
  const built = spawnSync("npx", ["remix", "vite:build"], { stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
process.env.NODE_ENV = "production";
await import("../server.js");

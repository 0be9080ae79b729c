import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * `npm run bench` runs its scripts outside vitest, as node programs. The ones that need no
 * production build are run here, small, the way the README tells an operator to run them: a
 * benchmark that cannot start is found by the suite, not by the next person measuring.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

/** The runner and what it starts (the compiled benchmark, the TSA's openssl) in a group of their own, killed whole when time is up. */
function bench(args: string[], timeoutMs: number): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "tests/bench/run.ts", ...args], {
      cwd: root,
      env: { ...process.env, LOG_LEVEL: "error" },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    const timer = setTimeout(() => {
      out += `\n(killed after ${timeoutMs} ms)`;
      process.kill(-child.pid!, "SIGKILL");
    }, timeoutMs);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

describe("the benchmarks run as node programs", () => {
  it("delivers notices to a real SMTP server and anchors journal chains with a real TSA, and prints their figures", async () => {
    const { code, out } = await bench(["notice-delivery", "anchoring-round", "--", "3"], 150_000);
    expect(out).not.toMatch(/Vitest failed|Error:/);
    expect(code, out).toBe(0);
    expect(out).toMatch(/## notice-delivery\.ts 3/);
    expect(out).toMatch(/## anchoring-round\.ts 3/);
    // Every queued notice reached the SMTP server; every office's chain was stamped and verifies.
    expect(out).toMatch(/delivered by one worker \(of queued\)\s*\|\s*3 of 3\s/);
    expect(out).toMatch(/chains stamped \(of 3 offices\), failed\s*\|\s*3, 0\s/);
    expect(out).toMatch(/3 tokens, OK/);
  }, 180_000);
});

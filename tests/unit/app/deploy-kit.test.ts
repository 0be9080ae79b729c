import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ENV_VARIABLES, parseEnv } from "../../../app/utils/env.server";

/** The deployment kit (deploy/) says what the code reads and does what docs/operations.md says. */
const envExample = readFileSync("deploy/.env.example", "utf8");
const nginx = readFileSync("deploy/nginx/cabinet.conf", "utf8");

/** Variables server.js and the start script read themselves, before the checked environment. */
function bootstrapVariables(): string[] {
  const text = ["server.js", "scripts/start.js", "app/utils/log.js"].map((f) => readFileSync(f, "utf8")).join("\n");
  return [...new Set([...text.matchAll(/process\.env\.([A-Z_][A-Z0-9_]*)/g)].map((m) => m[1]))];
}

describe("deploy/.env.example", () => {
  it("names every variable the app reads", () => {
    const named = new Set([...envExample.matchAll(/^#?\s*([A-Z_][A-Z0-9_]*)=/gm)].map((m) => m[1]));
    const read = [...ENV_VARIABLES, ...bootstrapVariables()];
    expect(read.length).toBeGreaterThan(10);
    expect(read.filter((v) => !named.has(v))).toEqual([]);
  });

  it("its uncommented settings are valid as they stand", () => {
    const set = Object.fromEntries([...envExample.matchAll(/^([A-Z_][A-Z0-9_]*)=(.*)$/gm)].map((m) => [m[1], m[2].trim()]));
    expect(() => parseEnv(set)).not.toThrow();
    expect(set.DEMO_DATA).toBe("0");
  });
});

describe("deploy/nginx/cabinet.conf", () => {
  it("overwrites X-Forwarded-For with the address it sees, never passes the client's on", () => {
    const xff = [...nginx.matchAll(/^\s*proxy_set_header\s+X-Forwarded-For\s+(\S+);/gim)].map((m) => m[1]);
    expect(xff).toEqual(["$remote_addr"]);
    expect(nginx).not.toMatch(/proxy_add_x_forwarded_for/);
  });

  it("sends HSTS on every answer, limits bodies, and keeps /metrics off the site", () => {
    expect(nginx).toMatch(/add_header Strict-Transport-Security "max-age=\d{8,}[^"]*" always;/);
    expect(nginx).toMatch(/^\s*client_max_body_size\s+\d+k;/m);
    expect(nginx).toMatch(/location = \/metrics \{\s*return 404;/);
  });
});

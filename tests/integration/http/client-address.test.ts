import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DbHandle } from "../../../db/client";
import { httpSettings, parseEnv } from "../../../app/utils/env.server";
import * as metrics from "../../../app/routes/metrics";
import * as status from "../../../app/routes/status._index";
import { releaseAppDatabase, useAppDatabase } from "../../support/app-db";
import { createTestDb } from "../../support/db";
import { startGuardedServer } from "../../support/express";
import { CSRF_TOKEN, csrfCookieHeader, type RouteModule } from "../../support/http";

// Read once by env.server.ts, before any module of the app is loaded.
const METRICS_TOKEN = vi.hoisted(() => (process.env.METRICS_TOKEN = "scrape-token-for-this-test"));

let h: DbHandle;
beforeAll(async () => {
  h = await createTestDb();
  useAppDatabase(h);
});
afterAll(async () => {
  releaseAppDatabase();
  await h.close();
});

const routes = { "/status": status as RouteModule, "/metrics": metrics as RouteModule };

/** One wrong status lookup, as a browser behind the office proxy sends it. */
async function lookUp(base: string, forwardedFor: string) {
  const body = new URLSearchParams({ inn: "21505199000011", code: "ABCD-EFGH-JK", csrf: CSRF_TOKEN });
  const res = await fetch(`${base}/status`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: await csrfCookieHeader(), "X-Forwarded-For": forwardedFor },
    body,
  });
  await res.arrayBuffer();
  return res.status;
}

describe("the client's address is the one the proxy saw, whatever the client writes", () => {
  it("TRUST_PROXY=1 is one proxy: a forged X-Forwarded-For rotating in front of the proxy's entry does not escape the per-address limit", async () => {
    const server = await startGuardedServer(httpSettings(parseEnv({ TRUST_PROXY: "1" })), routes);
    try {
      const answers = [];
      // The client forges a new address every time; the proxy (this connection) appends the real one.
      for (let i = 0; i < 25; i++) answers.push(await lookUp(server.base, `198.51.100.${i}, 203.0.113.10`));
      expect(answers.slice(0, 20).filter((s) => s === 429)).toEqual([]);
      expect(answers.slice(20)).toEqual([429, 429, 429, 429, 429]);
      // Another client behind the same proxy has its own count.
      expect(await lookUp(server.base, "198.51.100.1, 203.0.113.11")).not.toBe(429);
    } finally {
      await server.close();
    }
  });

  it("a list of proxy addresses: entries from the right are skipped while they are listed proxies, the next one is the client", async () => {
    // This connection (127.0.0.1) and 10.0.0.7 are proxies; 203.0.113.20 is the client.
    const server = await startGuardedServer(httpSettings(parseEnv({ TRUST_PROXY: "127.0.0.1, 10.0.0.0/8" })), routes);
    try {
      const answers = [];
      for (let i = 0; i < 25; i++) answers.push(await lookUp(server.base, `198.51.100.${i}, 203.0.113.20, 10.0.0.7`));
      expect(answers.slice(0, 20).filter((s) => s === 429)).toEqual([]);
      expect(answers.slice(20)).toEqual([429, 429, 429, 429, 429]);
      expect(await lookUp(server.base, "203.0.113.21, 10.0.0.7")).not.toBe(429);
    } finally {
      await server.close();
    }
  });

  it("the setting is a hop count or addresses; trusting everyone or a malformed address fails the start", () => {
    expect(parseEnv({}).TRUST_PROXY).toBe(false);
    expect(parseEnv({ TRUST_PROXY: "0" }).TRUST_PROXY).toBe(false);
    expect(parseEnv({ TRUST_PROXY: "2" }).TRUST_PROXY).toBe(2);
    expect(parseEnv({ TRUST_PROXY: "127.0.0.1,::1, 10.1.0.0/16,loopback" }).TRUST_PROXY).toEqual(["127.0.0.1", "::1", "10.1.0.0/16", "loopback"]);
    for (const wrong of ["true", "yes", "10.0.0.0/33", "300.1.1.1", "10.0.0.1/8/9", ","]) {
      expect(() => parseEnv({ TRUST_PROXY: wrong }), wrong).toThrow(/TRUST_PROXY/);
    }
  });
});

describe("/metrics answers a bearer token only, never an address", () => {
  const scrape = (base: string, headers: Record<string, string>) => fetch(`${base}/metrics`, { headers }).then(async (r) => ({ status: r.status, text: await r.text() }));

  it("X-Forwarded-For: 127.0.0.1, or a request from the machine itself, does not open it; the token does", async () => {
    const server = await startGuardedServer(httpSettings(parseEnv({ TRUST_PROXY: "1" })), routes);
    try {
      expect((await scrape(server.base, { "X-Forwarded-For": "127.0.0.1" })).status).toBe(403);
      expect((await scrape(server.base, {})).status).toBe(403);
      expect((await scrape(server.base, { Authorization: `Bearer ${METRICS_TOKEN}x` })).status).toBe(403);
      const ok = await scrape(server.base, { Authorization: `Bearer ${METRICS_TOKEN}` });
      expect(ok.status).toBe(200);
      expect(ok.text).toContain("decisions_total");
    } finally {
      await server.close();
    }
  });
});

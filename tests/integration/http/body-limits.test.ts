import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../../db/client";
import { httpSettings, parseEnv } from "../../../app/utils/env.server";
import * as status from "../../../app/routes/status._index";
import * as registry from "../../../app/routes/admin.registry";
import * as apiStatus from "../../../app/routes/api.v1.applications.status";
import { releaseAppDatabase, useAppDatabase } from "../../support/app-db";
import { createTestDb } from "../../support/db";
import { startGuardedServer } from "../../support/express";
import { CSRF_TOKEN, csrfCookieHeader, type RouteModule } from "../../support/http";

let h: DbHandle;
let server: Awaited<ReturnType<typeof startGuardedServer>>;
beforeAll(async () => {
  h = await createTestDb();
  useAppDatabase(h);
  server = await startGuardedServer(httpSettings(parseEnv({})), {
    "/status": status as RouteModule,
    "/admin/registry": registry as RouteModule,
    "/api/v1/applications/status": apiStatus as unknown as RouteModule,
  });
});
afterAll(async () => {
  await server.close();
  releaseAppDatabase();
  await h.close();
});

const MB = 1024 * 1024;

/**
 * Sends a body of `declared` bytes (or chunked when declared is null) in 64 KiB pieces, as fast as
 * the socket takes them, and stops as soon as the answer arrives. Returns the status, the bytes
 * sent by then and how long it took.
 */
function flood(path: string, declared: number | null, headers: Record<string, string> = {}): Promise<{ status: number; sent: number; ms: number; type: string; body: string }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = httpRequest(`${server.base}${path}`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", ...(declared === null ? {} : { "Content-Length": String(declared) }), ...headers },
    });
    const piece = Buffer.alloc(64 * 1024, "a");
    const pump = () => {
      while (!answered && (declared === null || sent < declared)) {
        const n = declared === null ? piece.length : Math.min(piece.length, declared - sent);
        sent += n;
        if (!req.write(n === piece.length ? piece : piece.subarray(0, n))) return void req.once("drain", pump);
      }
      if (!answered) req.end();
    };
    req.on("response", (res) => {
      answered = true;
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c) => (body += c));
      res.on("end", () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, sent, ms: Date.now() - started, type: res.headers["content-type"] ?? "", body });
      });
    });
    req.on("error", (error) => {
      if (!answered) reject(error);
    });
    pump();
  });
}

describe("request bodies are limited per route before anything reads them", () => {
  it("a 100 MB unauthenticated form post is refused with 413 at once, after a small part of it", async () => {
    const answer = await flood("/status", 100 * MB);
    expect(answer.status).toBe(413);
    expect(answer.sent).toBeLessThan(16 * MB);
    expect(answer.ms).toBeLessThan(5_000);
  });

  it("the API answers a too-large body with a problem document", async () => {
    const answer = await flood("/api/v1/applications/status", 10 * MB, { "Content-Type": "application/json", Authorization: "Bearer kbk_x" });
    expect(answer.status).toBe(413);
    expect(answer.type).toContain("application/problem+json");
    expect(JSON.parse(answer.body)).toMatchObject({ type: "/api/v1/problems/payload-too-large", status: 413 });
  });

  it("the registry upload may be large only with a session; without one it is a form like any other", async () => {
    expect((await flood("/admin/registry", 100 * MB, { "Content-Type": "multipart/form-data; boundary=x" })).status).toBe(413);
    // With a session cookie the route itself decides (here: not signed in, so to the sign-in page).
    const withCookie = await flood("/admin/registry", 100 * MB, { "Content-Type": "multipart/form-data; boundary=x", Cookie: "session=forged" });
    expect(withCookie.status).toBe(302);
  });

  it("the browser's own upload (Remix posts a script-driven form to <route>.data) gets the upload limit too", async () => {
    const res = await flood("/admin/registry.data", 2 * MB, { "Content-Type": "multipart/form-data; boundary=x", Cookie: "__Host-session=forged" });
    expect(res.status).not.toBe(413);
    expect((await flood("/admin/registry.data", 2 * MB, { "Content-Type": "multipart/form-data; boundary=x" })).status).toBe(413);
  });

  it("a body of unknown length (chunked) is refused with 411", async () => {
    expect((await flood("/status", null)).status).toBe(411);
  });

  it("an ordinary form still reaches its route", async () => {
    const body = new URLSearchParams({ inn: "21505199000011", code: "ABCD-EFGH-JK", csrf: CSRF_TOKEN, pad: "x".repeat(60 * 1024) });
    const res = await fetch(`${server.base}/status`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: await csrfCookieHeader() },
      body,
    });
    expect(res.status).toBe(400); // the route's own answer: the code's check symbol is wrong
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DbHandle } from "../../../db/client";
import { createApiClient } from "../../../workflows/api/clients";
import { httpSettings, parseEnv } from "../../../app/utils/env.server";
import * as status from "../../../app/routes/status._index";
import * as apiStatus from "../../../app/routes/api.v1.applications.status";
import * as apiUnknown from "../../../app/routes/api.$";
import { releaseAppDatabase, useAppDatabase } from "../../support/app-db";
import { createTestDb } from "../../support/db";
import { startGuardedServer } from "../../support/express";
import { call, CSRF_TOKEN, csrfCookieHeader, getRequest, type RouteModule } from "../../support/http";
import { createStaff } from "../../support/factories";

let h: DbHandle;
let server: Awaited<ReturnType<typeof startGuardedServer>>;
let apiKey: string;
beforeAll(async () => {
  h = await createTestDb();
  useAppDatabase(h);
  ({ key: apiKey } = await createApiClient(h.db, await createStaff(h.db, "admin", null), "Cabinet"));
  server = await startGuardedServer(httpSettings(parseEnv({})), {
    "/status": status as RouteModule,
    "/api/v1/applications/status": apiStatus as unknown as RouteModule,
  });
});
afterAll(async () => {
  await server.close();
  releaseAppDatabase();
  await h.close();
});

async function postStatus(headers: Record<string, string>) {
  const body = new URLSearchParams({ inn: "21505199000011", code: "ABCD-EFGH-JK", csrf: CSRF_TOKEN });
  const res = await fetch(`${server.base}/status`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: await csrfCookieHeader(), ...headers },
    body,
  });
  return { status: res.status, type: res.headers.get("content-type") ?? "", text: await res.text() };
}

describe("a cross-site or opaque origin is refused cleanly", () => {
  it("Origin: null answers 403 in plain words, before the route", async () => {
    const answer = await postStatus({ Origin: "null" });
    expect(answer.status).toBe(403);
    expect(answer.type).toContain("text/plain");
    expect(answer.text).toBe("Cross-origin request refused");
  });

  it("a forwarded host other than the origin's is refused too; our own origin passes", async () => {
    const own = new URL(server.base).host;
    expect((await postStatus({ Origin: `http://${own}`, "X-Forwarded-Host": "evil.example" })).status).toBe(403);
    expect((await postStatus({ Origin: "http://evil.example" })).status).toBe(403);
    expect((await postStatus({ Origin: `http://${own}` })).status).toBe(400); // the route's own answer
  });

  it("the API, called with a key and no cookies, ignores an Origin", async () => {
    const res = await fetch(`${server.base}/api/v1/applications/status`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${apiKey}`, Origin: "null" },
      body: JSON.stringify({ inn: "21505199000011", code: "ABCD-EFGH-JK" }),
    });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
  });
});

describe("the API answers problems, never HTML or a bare 500", () => {
  it("an unknown path under /api/v1 is a 404 problem, for GET and POST", async () => {
    const get = await call(apiUnknown.loader as never, getRequest("/api/v1/no-such-thing"));
    const post = await call(apiUnknown.action as never, new Request("http://localhost/api/v1/x", { method: "POST", body: "{}" }));
    for (const r of [get, post]) {
      expect(r.status).toBe(404);
      expect(r.headers.get("content-type")).toBe("application/problem+json");
      expect(await r.json()).toMatchObject({ type: "/api/v1/problems/not-found", status: 404 });
    }
  });

  it("while the database is down, 503 application/problem+json with Retry-After", async () => {
    // A real client pointed at a port where no server listens: every statement fails to connect.
    const down = await openDatabase({ url: "postgres://postgres@127.0.0.1:9/none", max: 1 });
    useAppDatabase(down);
    try {
      const res = await call(
        apiStatus.action as never,
        new Request("http://localhost/api/v1/applications/status", {
          method: "POST",
          headers: { "Content-Type": "application/json", Authorization: `Bearer ${apiKey}` },
          body: JSON.stringify({ inn: "21505199000011", code: "ABCD-EFGH-JK" }),
        }),
      );
      expect(res.status).toBe(503);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      expect(res.headers.get("retry-after")).toMatch(/^\d+$/);
      expect(await res.json()).toMatchObject({ type: "/api/v1/problems/unavailable", status: 503 });
    } finally {
      useAppDatabase(h);
      await down.close();
    }
  });
});

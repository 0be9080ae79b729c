import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../../db/client";
import { httpSettings, parseEnv } from "../../../app/utils/env.server";
import { apiRoutes } from "../../../app/utils/api-node.server";
import * as verify from "../../../app/routes/api.v1.credentials.verify";
import * as refusals from "../../../app/routes/api.v1.refusals";
import * as statusApi from "../../../app/routes/api.v1.applications.status";
import * as journalApi from "../../../app/routes/api.v1.journal";
import * as openApi from "../../../app/routes/api.v1.openapi[.]json";
import { createApiClient } from "../../../workflows/api/clients";
import { releaseAppDatabase, useAppDatabase } from "../../support/app-db";
import { createTestDb } from "../../support/db";
import { startGuardedServer } from "../../support/express";
import { createOffice, createStaff, createTaxpayer, grantedSubject, PASSWORD } from "../../support/factories";
import type { RouteModule } from "../../support/http";

/**
 * The API's direct path (server.js serves the endpoints from Node's request, decision 072) answers
 * what the Remix route answers: the same status, headers and body for the same request, through the
 * same guards. Two servers on one database, one each way, asked the same things.
 */
let h: DbHandle;
let key: string;
let inspector: Awaited<ReturnType<typeof createStaff>>;
const servers: Record<"remix" | "direct", Awaited<ReturnType<typeof startGuardedServer>>> = {} as never;
const T0 = new Date(Date.now() - 3_600_000);
const routes = {
  "/api/v1/credentials/verify": verify,
  "/api/v1/refusals": refusals,
  "/api/v1/applications/status": statusApi,
  "/api/v1/journal": journalApi,
} as unknown as Record<string, RouteModule>;

beforeAll(async () => {
  h = await createTestDb();
  useAppDatabase(h);
  await createOffice(h.db, "001");
  inspector = await createStaff(h.db, "inspector", "001");
  ({ key } = await createApiClient(h.db, await createStaff(h.db, "admin", null), "Cabinet"));
  const settings = httpSettings(parseEnv({}));
  servers.remix = await startGuardedServer(settings, routes);
  servers.direct = await startGuardedServer(settings, routes, { direct: true });
});
afterAll(async () => {
  await servers.remix?.close();
  await servers.direct?.close();
  releaseAppDatabase();
  await h.close();
});

const COMPARED = ["content-type", "content-length", "content-language", "vary", "retry-after", "cache-control"];

async function ask(way: keyof typeof servers, path: string, init: { body?: string; headers?: Record<string, string> }) {
  const res = await fetch(`${servers[way].base}${path}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json", ...init.headers },
    body: init.body,
  });
  const headers = Object.fromEntries(COMPARED.map((name) => [name, res.headers.get(name)]));
  return { status: res.status, headers, body: (await res.text()).replaceAll(servers[way].base, "<origin>") };
}

/** The same request both ways, one after the other: each answer, and the two must be equal. */
async function bothWays(path: string, init: { body?: string; headers?: Record<string, string> }) {
  const remix = await ask("remix", path, init);
  const direct = await ask("direct", path, init);
  expect(direct).toEqual(remix);
  return remix;
}

describe("the API's direct path answers as the Remix route does", () => {
  it("a credential check: valid, wrong password, unknown login", async () => {
    const { login } = await grantedSubject(h.db, inspector, await createTaxpayer(h.db, "001"), T0);
    const valid = await bothWays("/api/v1/credentials/verify", { body: JSON.stringify({ login, password: PASSWORD }) });
    expect(valid).toMatchObject({ status: 200, body: JSON.stringify({ valid: true, active: true }) });
    const wrong = await bothWays("/api/v1/credentials/verify", { body: JSON.stringify({ login, password: "Wrong#2025x" }) });
    expect(JSON.parse(wrong.body)).toEqual({ valid: false, active: false });
    await bothWays("/api/v1/credentials/verify", { body: JSON.stringify({ login: "nobody-here", password: PASSWORD }) });
  });

  it("every refusal before the endpoint runs, in the caller's language", async () => {
    const body = JSON.stringify({ login: "someone", password: PASSWORD });
    const cases: [number, { body?: string; headers?: Record<string, string> }][] = [
      [401, { body, headers: { Authorization: "" } }],
      [401, { body, headers: { Authorization: "Bearer kbk_not-a-key" } }],
      [415, { body, headers: { "Content-Type": "text/plain" } }],
      [400, { body: "{not json" }],
      [400, { body: JSON.stringify({ login: "x".repeat(500) }), headers: { "Accept-Language": "ky" } }],
      [400, { body: JSON.stringify({ login: "a\u0000b", password: PASSWORD }), headers: { "Accept-Language": "ru" } }],
    ];
    for (const [status, init] of cases) expect((await bothWays("/api/v1/credentials/verify", init)).status).toBe(status);
  });

  it("a problem with Retry-After: the status lookup limited per address", async () => {
    let last = { status: 0, headers: {} as Record<string, string | null> };
    for (let i = 0; i < 40 && last.status !== 429; i++) {
      last = await bothWays("/api/v1/applications/status", { body: JSON.stringify({ inn: "21505199000011", code: "ABCD-EFGH-JK" }) });
    }
    expect(last.status).toBe(429);
    expect(Number(last.headers["retry-after"])).toBeGreaterThanOrEqual(1);
  });

  it("an answer with this site's origin in it (the online refusal, PUBLIC_BASE_URL unset), and the holder's journal", async () => {
    const remix = await grantedSubject(h.db, inspector, await createTaxpayer(h.db, "001"), T0);
    const direct = await grantedSubject(h.db, inspector, await createTaxpayer(h.db, "001"), T0);
    const a = await ask("remix", "/api/v1/refusals", { body: JSON.stringify({ login: remix.login, password: PASSWORD }) });
    const b = await ask("direct", "/api/v1/refusals", { body: JSON.stringify({ login: direct.login, password: PASSWORD }) });
    expect(b.status).toBe(201);
    const unsized = (x: typeof a) => ({ ...x, body: "", headers: { ...x.headers, "content-length": null } });
    expect(unsized(b)).toEqual(unsized(a));
    const urls = [a, b].map((x) => new URL(JSON.parse(x.body.replace("<origin>", "http://origin.test")).noticeVerificationUrl));
    expect(urls.map((u) => u.origin)).toEqual(["http://origin.test", "http://origin.test"]);
    const journals = await Promise.all([["remix", remix.login], ["direct", direct.login]].map(([way, login]) => ask(way as "remix", "/api/v1/journal", { body: JSON.stringify({ login, password: PASSWORD }) })));
    expect(journals.map((j) => j.status)).toEqual([200, 200]);
    expect(unsized(journals[1])).toEqual(unsized(journals[0]));
  });

  it("what the direct path does not take goes on to Remix: another method, and a path under no endpoint", async () => {
    const get = await fetch(`${servers.direct.base}/api/v1/credentials/verify`);
    expect(get.status).toBe(405);
    expect(await get.json()).toMatchObject({ type: "/api/v1/problems/method-not-allowed" });
  });
});

describe("apiRoutes: which routes the direct path takes", () => {
  const table = (entries: [string, string, unknown][]) =>
    Object.fromEntries(entries.map(([id, path, module]) => [id, { id, path, parentId: "root", module }])) as unknown as ServerBuild["routes"];

  it("the endpoints made by apiEndpoint, at their paths; loaders and other routes are left to Remix", () => {
    const found = apiRoutes(table([
      ["routes/api.v1.credentials.verify", "api/v1/credentials/verify", verify],
      ["routes/api.v1.refusals", "api/v1/refusals", refusals],
      ["routes/api.v1.openapi[.]json", "api/v1/openapi.json", openApi],
    ]));
    expect(found.map((r) => r.path)).toEqual(["/api/v1/credentials/verify", "/api/v1/refusals"]);
  });

  it("refuses to take an endpoint at a path Express would match differently", () => {
    expect(() => apiRoutes(table([["routes/api.v1.$id", "api/v1/:id", verify]]))).toThrow(/static path/);
  });
});

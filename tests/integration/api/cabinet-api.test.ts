import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../../db/client";
import { accessAccounts, rateLimits } from "../../../db/schema";
import { createApiClient, revokeApiClient } from "../../../workflows/api/clients";
import { endRefusedAccess } from "../../../workflows/account/refusal";
import { verifyCredentials } from "../../../workflows";
import { admitPasswordCheck, verifyPassword } from "../../../workflows/auth/argon";
import { dummyHash } from "../../../workflows/credentials/password";
import { action as verifyAction } from "../../../app/routes/api.v1.credentials.verify";
import { action as refusalAction } from "../../../app/routes/api.v1.refusals";
import { action as journalAction } from "../../../app/routes/api.v1.journal";
import { action as statusAction } from "../../../app/routes/api.v1.applications.status";
import { documentedPaths } from "../../support/contract";
import { useAppDatabase, releaseAppDatabase } from "../../support/app-db";
import { expectMatchesContract } from "../../support/contract";
import { createTestDb } from "../../support/db";
import { createOffice, createStaff, createTaxpayer, grantedSubject, PASSWORD } from "../../support/factories";

let h: DbHandle;
let key: string;
let keyId: string;
const T0 = new Date("2025-03-07T04:00:00Z");

function post(action: (args: { request: Request; context: unknown }) => Promise<Response>, path: string, body: unknown, apiKey: string | null = key) {
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  if (apiKey) headers.Authorization = `Bearer ${apiKey}`;
  const request = new Request(`http://localhost${path}`, { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) });
  return action({ request, context: { requestId: "test-request" } });
}

async function account(login: string) {
  const [row] = await h.db.select().from(accessAccounts).where(eq(accessAccounts.login, login));
  return row;
}

let inspector: Awaited<ReturnType<typeof createStaff>>;
let admin: Awaited<ReturnType<typeof createStaff>>;

beforeAll(async () => {
  h = await createTestDb();
  useAppDatabase(h);
  await createOffice(h.db, "001");
  inspector = await createStaff(h.db, "inspector", "001");
  admin = await createStaff(h.db, "admin", null);
  ({ key, id: keyId } = await createApiClient(h.db, admin, "Cabinet"));
});
afterAll(async () => {
  releaseAppDatabase();
  await h.close();
});

async function newSubject() {
  const inn = await createTaxpayer(h.db, "001");
  return grantedSubject(h.db, inspector, inn, T0);
}

describe("Cabinet API: credential check (R12, R16)", () => {
  it("answers valid and active for the granted login, valid=false for a wrong password, per the contract", async () => {
    const { login } = await newSubject();
    const ok = await expectMatchesContract("/api/v1/credentials/verify", await post(verifyAction, "/api/v1/credentials/verify", { login, password: PASSWORD }));
    expect(ok).toEqual({ valid: true, active: true });
    const wrong = await expectMatchesContract("/api/v1/credentials/verify", await post(verifyAction, "/api/v1/credentials/verify", { login, password: "Wrong#2025x" }));
    expect(wrong).toEqual({ valid: false, active: false });
  });

  it("guesses at one login are limited under concurrency; a valid answer gives its hit back", async () => {
    const { login } = await newSubject();
    const check = (password: string) => post(verifyAction, "/api/v1/credentials/verify", { login, password });
    // Twenty right answers in a row: each refunds its hit, so the Cabinet's own users never hit the limit.
    for (let i = 0; i < 20; i++) expect((await check(PASSWORD)).status).toBe(200);
    // Bursts of thirty concurrent guesses until the limit answers. On a busy machine some guesses are
    // shed with 503 (password checks queued beyond two seconds), which counts nothing; whatever the
    // load, exactly ten guesses get a verdict.
    const statuses: number[] = [];
    for (let burst = 0; burst < 10 && !statuses.includes(429); burst++) {
      const guesses = await Promise.all(Array.from({ length: 30 }, () => check("Wrong#2025x")));
      statuses.push(...guesses.map((r) => r.status));
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(statuses.filter((s) => s !== 200 && s !== 429 && s !== 503)).toEqual([]);
    const right = await check(PASSWORD);
    expect(right.status).toBe(429);
    expect(right.headers.get("retry-after")).toMatch(/^\d+$/);
    await expectMatchesContract("/api/v1/credentials/verify", right);
    await h.db.delete(rateLimits);
  });

  it("counts each request under its key; an unknown or revoked key is refused and leaves no count", async () => {
    const client = await createApiClient(h.db, admin, "Counted cabinet");
    const counts = async () => (await h.db.select().from(rateLimits)).filter((r) => r.bucket.startsWith("api:key:"));
    const before = await counts();
    const unknown = "kbk_" + "a".repeat(52);
    expect((await post(verifyAction, "/api/v1/credentials/verify", { login: "x", password: "y" }, unknown)).status).toBe(401);
    await revokeApiClient(h.db, admin, client.id);
    expect((await post(verifyAction, "/api/v1/credentials/verify", { login: "x", password: "y" }, client.key)).status).toBe(401);
    expect(await counts()).toEqual(before);
    for (let i = 0; i < 3; i++) await post(verifyAction, "/api/v1/credentials/verify", { login: "kb-nobody00", password: "y" });
    const [own] = await h.db.select().from(rateLimits).where(eq(rateLimits.bucket, `api:key:${keyId}`));
    expect(own.hits - (before.find((r) => r.bucket === own.bucket)?.hits ?? 0)).toBe(3);
    await h.db.delete(rateLimits);
  });

  it("answers every failure as a documented problem: no key, revoked key, bad JSON, bad shape, wrong media type", async () => {
    const path = "/api/v1/credentials/verify";
    const noKey = await post(verifyAction, path, { login: "x", password: "y" }, null);
    expect(noKey.status).toBe(401);
    expect(await expectMatchesContract(path, noKey)).toMatchObject({ type: "/api/v1/problems/missing-api-key", instance: "test-request" });

    const revoked = await createApiClient(h.db, admin, "Old cabinet");
    await revokeApiClient(h.db, admin, revoked.id);
    const withRevoked = await post(verifyAction, path, { login: "x", password: "y" }, revoked.key);
    expect(withRevoked.status).toBe(401);
    await expectMatchesContract(path, withRevoked);

    const badJson = await post(verifyAction, path, "{not json");
    expect(badJson.status).toBe(400);
    await expectMatchesContract(path, badJson);

    const badShape = await post(verifyAction, path, { login: "", password: 5, extra: true });
    expect(badShape.status).toBe(400);
    const body = (await expectMatchesContract(path, badShape)) as { errors: { path: string }[] };
    expect(body.errors.map((e) => e.path)).toEqual(expect.arrayContaining(["login", "password"]));

    const plain = await verifyAction({ request: new Request(`http://localhost${path}`, { method: "POST", headers: { Authorization: `Bearer ${key}`, "Content-Type": "text/plain" }, body: "x" }), context: {} });
    expect(plain.status).toBe(415);
    await expectMatchesContract(path, plain);

    const get = await verifyAction({ request: new Request(`http://localhost${path}`, { method: "GET", headers: { Authorization: `Bearer ${key}` } }), context: {} });
    expect(get.status).toBe(405);
    await expectMatchesContract(path, get);
  });

  it("while more than two seconds of password checks wait, every endpoint that checks a password answers 503 at once and counts nothing", async () => {
    const { login } = await newSubject();
    const hash = await dummyHash();
    await verifyPassword(hash, "warm-up: the queue learns the pace of one check");
    // A 9:00 burst: enough checks queued for three seconds of work at the measured pace.
    const backlog: Promise<boolean>[] = [];
    const busy = () => {
      const probe = admitPasswordCheck(3_000);
      if (probe.admitted) probe.release();
      return !probe.admitted;
    };
    for (let i = 0; i < 100_000 && !busy(); i++) backlog.push(verifyPassword(hash, `burst ${i}`));
    const countsBefore = await h.db.select().from(rateLimits);
    const calls = [
      ["/api/v1/credentials/verify", verifyAction],
      ["/api/v1/refusals", refusalAction],
      ["/api/v1/journal", journalAction],
    ] as const;
    for (const [path, action] of calls) {
      const shed = await post(action, path, { login, password: PASSWORD });
      expect(shed.status).toBe(503);
      const retryAfter = Number(shed.headers.get("retry-after"));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(30);
      expect(await expectMatchesContract(path, shed)).toMatchObject({ type: "/api/v1/problems/overloaded" });
    }
    expect(await h.db.select().from(rateLimits)).toEqual(countsBefore);
    expect((await account(login)).status).toBe("active");
    // Status by INN + code checks no password: it is answered during the burst.
    expect((await post(statusAction, "/api/v1/applications/status", { inn: "00000000000000", code: "AAAA-AAAA-AAAA" })).status).not.toBe(503);
    await Promise.all(backlog);
    expect(await (await post(verifyAction, "/api/v1/credentials/verify", { login, password: PASSWORD })).json()).toEqual({ valid: true, active: true });
  });
});

describe("Cabinet API: online refusal of electronic interaction (UA seed)", () => {
  it("keeps access active until the next office day starts, inactive from then; the sweeper annuls once", async () => {
    const { login } = await newSubject();
    const response = await post(refusalAction, "/api/v1/refusals", { login, password: PASSWORD });
    expect(response.status).toBe(201);
    const body = (await expectMatchesContract("/api/v1/refusals", response)) as { accessEndsAt: string; noticeVerificationUrl: string };
    const endsAt = new Date(body.accessEndsAt);
    // The next day in Bishkek (UTC+6) starts at 18:00 UTC.
    expect(endsAt.getUTCHours()).toBe(18);
    expect(endsAt.getTime()).toBeGreaterThan(Date.now());
    expect(body.noticeVerificationUrl).toMatch(/\/verify\/[0-9a-f-]{36}\?h=[0-9a-f]{16}$/);

    expect(await verifyCredentials(h.db, { login, password: PASSWORD }, new Date(endsAt.getTime() - 1000))).toEqual({ valid: true, active: true });
    expect(await verifyCredentials(h.db, { login, password: PASSWORD }, endsAt)).toEqual({ valid: true, active: false });

    expect(await endRefusedAccess(h.db, new Date(endsAt.getTime() - 1000))).toEqual({ ended: 0, failed: [] });
    expect(await endRefusedAccess(h.db, endsAt)).toEqual({ ended: 1, failed: [] });
    expect(await endRefusedAccess(h.db, endsAt)).toEqual({ ended: 0, failed: [] });
    expect((await account(login)).status).toBe("annulled");
    expect(await verifyCredentials(h.db, { login, password: PASSWORD }, endsAt)).toEqual({ valid: false, active: false });

    // An annulled account cannot refuse again: a clear 401 (its password is gone), nothing changes.
    const again = await post(refusalAction, "/api/v1/refusals", { login, password: PASSWORD });
    expect(again.status).toBe(401);
    await expectMatchesContract("/api/v1/refusals", again);
  });

  it("a second refusal while one is pending is a 409 conflict naming the problem", async () => {
    const { login } = await newSubject();
    expect((await post(refusalAction, "/api/v1/refusals", { login, password: PASSWORD })).status).toBe(201);
    const second = await post(refusalAction, "/api/v1/refusals", { login, password: PASSWORD });
    expect(second.status).toBe(409);
    expect(await expectMatchesContract("/api/v1/refusals", second)).toMatchObject({ type: "/api/v1/problems/conflict", detail: "refusal.already_pending" });
  });

  it("a wrong password is a 401 problem and changes nothing", async () => {
    const { login } = await newSubject();
    const before = await account(login);
    const response = await post(refusalAction, "/api/v1/refusals", { login, password: "Wrong#2025x" });
    expect(response.status).toBe(401);
    expect(await expectMatchesContract("/api/v1/refusals", response)).toMatchObject({ type: "/api/v1/problems/invalid-credentials" });
    expect(await account(login)).toEqual(before);
  });

  it("1,000 refusal calls with wrong passwords for one login are rate-limited; the account is untouched", async () => {
    const { login } = await newSubject();
    const before = await account(login);
    const statuses: number[] = [];
    for (let batch = 0; batch < 10; batch++) {
      const responses = await Promise.all(
        Array.from({ length: 100 }, () => post(refusalAction, "/api/v1/refusals", { login, password: "Wrong#2025x" })),
      );
      statuses.push(...responses.map((r) => r.status));
    }
    const limited = statuses.filter((s) => s === 429).length;
    const unauthorized = statuses.filter((s) => s === 401).length;
    // A slow machine may shed some of a hundred concurrent checks (503): those count nothing.
    const shed = statuses.filter((s) => s === 503).length;
    expect(limited + unauthorized + shed).toBe(1000);
    const [bucket] = (await h.db.select().from(rateLimits)).filter((r) => r.bucket === `api:login:${login}`);
    expect(bucket.hits).toBe(limited + unauthorized);
    // The limit holds under concurrency: only the first 10 guesses reach the password check.
    expect(unauthorized).toBe(10);
    expect(await account(login)).toEqual(before);
    // Even the right password waits out the limit: guessing cannot continue under another guise.
    const right = await post(refusalAction, "/api/v1/refusals", { login, password: PASSWORD });
    expect(right.status).toBe(429);
    expect(right.headers.get("retry-after")).toMatch(/^\d+$/);
    await h.db.delete(rateLimits);
  });
});

describe("Cabinet API: the subject's own journal and an application's status (UA seed)", () => {
  it("the account holder reads their journal: events of the account and applications, no staff names", async () => {
    const { login, inn } = await newSubjectWithInn();
    const response = await post(journalAction, "/api/v1/journal", { login, password: PASSWORD });
    expect(response.status).toBe(200);
    const body = (await expectMatchesContract("/api/v1/journal", response)) as { inn: string; events: { action: string; actorRole: string }[] };
    expect(body.inn).toBe(inn);
    expect(body.events.map((e) => e.action)).toEqual(expect.arrayContaining(["application.saved", "application.presented", "application.granted"]));
    const inspectorName = inspector.fullName;
    expect(JSON.stringify(body)).not.toContain(inspectorName);
    const wrong = await post(journalAction, "/api/v1/journal", { login, password: "Wrong#2025x" });
    expect(wrong.status).toBe(401);
    await expectMatchesContract("/api/v1/journal", wrong);
  });

  it("the status by INN + code, and a documented 404 for a wrong code", async () => {
    const { inn, code } = await newSubjectWithInn();
    const response = await post(statusAction, "/api/v1/applications/status", { inn, code: code.toLowerCase() });
    expect(response.status).toBe(200);
    const body = (await expectMatchesContract("/api/v1/applications/status", response)) as { stage: string; decision: { outcome: string } };
    expect(body).toMatchObject({ stage: "decided", decision: { outcome: "granted", standing: { inForce: true, endsAt: null, since: null, endedBy: null } } });
    const missing = await post(statusAction, "/api/v1/applications/status", { inn, code: "2345-6789-AB" });
    expect([400, 404]).toContain(missing.status);
    await expectMatchesContract("/api/v1/applications/status", missing);
  });

  it("every documented endpoint is exercised by these tests", () => {
    expect(documentedPaths.sort()).toEqual(["/api/v1/applications/status", "/api/v1/credentials/verify", "/api/v1/journal", "/api/v1/refusals"]);
  });
});

async function newSubjectWithInn() {
  const inn = await createTaxpayer(h.db, "001");
  const granted = await grantedSubject(h.db, inspector, inn, T0);
  return { ...granted, inn };
}

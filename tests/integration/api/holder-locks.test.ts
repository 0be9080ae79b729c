import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../../db/client";
import { accessAccounts, journalEntries, rateLimits } from "../../../db/schema";
import { createApiClient } from "../../../workflows/api/clients";
import { endRefusedAccess } from "../../../workflows/account/refusal";
import { enterAnnulment } from "../../../workflows/annulment/service";
import { grantAccess } from "../../../workflows/application/service";
import { verifyCredentials } from "../../../workflows";
import { action as lockAction } from "../../../app/routes/api.v1.accounts.lock";
import { action as passwordAction } from "../../../app/routes/api.v1.accounts.password";
import { action as verifyAction } from "../../../app/routes/api.v1.credentials.verify";
import { action as refusalAction } from "../../../app/routes/api.v1.refusals";
import { useAppDatabase, releaseAppDatabase } from "../../support/app-db";
import { expectMatchesContract } from "../../support/contract";
import { createTestDb } from "../../support/db";
import { acceptedApplication, createOffice, createStaff, createTaxpayer, grantedSubject, PASSWORD } from "../../support/factories";

/**
 * The holder's own lock and password change through the Cabinet API (decision 060), on the
 * database the suite runs on (the PostgreSQL server when DATABASE_URL is set): every answer is
 * checked against the OpenAPI document.
 */
let h: DbHandle;
let key: string;
let inspector: Awaited<ReturnType<typeof createStaff>>;
let otherInspector: Awaited<ReturnType<typeof createStaff>>;
const T0 = new Date("2025-03-07T04:00:00Z");
const NEW_PASSWORD = "Changed#2026x";
const RESTORED = "Restored#2026y";

type Action = (args: { request: Request; context: unknown }) => Promise<Response>;
const LOCK = "/api/v1/accounts/lock" as const;
const CHANGE = "/api/v1/accounts/password" as const;

function post(action: Action, path: string, body: unknown, headers: Record<string, string> = {}) {
  const request = new Request(`http://localhost${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${key}`, ...headers },
    body: JSON.stringify(body),
  });
  return action({ request, context: { requestId: "test-request" } });
}

async function account(login: string) {
  const [row] = await h.db.select().from(accessAccounts).where(eq(accessAccounts.login, login));
  return row;
}

async function check(login: string, password: string) {
  return (await post(verifyAction, "/api/v1/credentials/verify", { login, password })).json();
}

async function newSubject() {
  const inn = await createTaxpayer(h.db, "001");
  const granted = await grantedSubject(h.db, inspector, inn, T0);
  return { ...granted, inn };
}

/** The journal entries of an action for a login, and everything they hold as text. */
async function entries(login: string, action: string) {
  const rows = await h.db.select().from(journalEntries).where(and(eq(journalEntries.entityId, login), eq(journalEntries.action, action)));
  return { rows, text: JSON.stringify(rows) };
}

beforeAll(async () => {
  h = await createTestDb();
  useAppDatabase(h);
  await createOffice(h.db, "001");
  await createOffice(h.db, "002");
  inspector = await createStaff(h.db, "inspector", "001");
  otherInspector = await createStaff(h.db, "inspector", "002");
  const admin = await createStaff(h.db, "admin", null);
  ({ key } = await createApiClient(h.db, admin, "Cabinet"));
});
afterAll(async () => {
  releaseAppDatabase();
  await h.close();
});

describe("the holder's self-lock (decision 060)", () => {
  it("answers inactive at once; the holder's password change does not lift it; only a granted restore at the office of registration does", async () => {
    const { login, inn } = await newSubject();
    expect(await check(login, PASSWORD)).toEqual({ valid: true, active: true });

    const locked = await post(lockAction, LOCK, { login, password: PASSWORD, clientAddress: "203.0.113.7" });
    expect(locked.status).toBe(200);
    const body = (await expectMatchesContract(LOCK, locked)) as { login: string; status: string; lockedAt: string };
    expect(body).toMatchObject({ login, status: "locked" });
    // At once: the very next credential check, through the API and the domain function alike.
    expect(await check(login, PASSWORD)).toEqual({ valid: true, active: false });
    expect(await verifyCredentials(h.db, { login, password: PASSWORD }, new Date())).toEqual({ valid: true, active: false });
    expect((await account(login)).status).toBe("locked");
    const lockEntry = await entries(login, "account.self_locked");
    expect(lockEntry.rows).toHaveLength(1);
    expect(lockEntry.rows[0]).toMatchObject({ actorRole: "api", subjectInn: inn, before: { status: "active" }, after: { status: "locked" } });

    // The holder cannot undo it: a password change is a documented 409, a second lock too; nothing changes.
    const before = await account(login);
    const change = await post(passwordAction, CHANGE, { login, password: PASSWORD, newPassword: NEW_PASSWORD, newPasswordConfirm: NEW_PASSWORD });
    expect(change.status).toBe(409);
    expect(await expectMatchesContract(CHANGE, change)).toMatchObject({
      type: "/api/v1/problems/conflict",
      detail: "The account is locked by its holder; access is restored only at the office of registration with a restore application.",
    });
    const again = await post(lockAction, LOCK, { login, password: PASSWORD }, { "Accept-Language": "ru" });
    expect(again.status).toBe(409);
    expect(again.headers.get("content-language")).toBe("ru");
    expect(await expectMatchesContract(LOCK, again)).toMatchObject({ detail: "Доступ уже заблокирован; восстановить его можно только в налоговом органе по месту учёта." });
    // An online refusal is no way around it either.
    expect((await post(refusalAction, "/api/v1/refusals", { login, password: PASSWORD })).status).toBe(409);
    expect(await account(login)).toEqual(before);
    expect(await check(login, NEW_PASSWORD)).toEqual({ valid: false, active: false });

    // A restore application at another office is refused; at the office of registration it lifts the lock.
    const restore = await acceptedApplication(h.db, inspector, inn, new Date(T0.getTime() + 3_600_000), {
      requestKind: "restore",
      password: RESTORED,
      passwordConfirm: RESTORED,
    });
    await expect(grantAccess(h.db, otherInspector, restore.id, new Date(T0.getTime() + 3_700_000))).rejects.toMatchObject({ code: "forbidden" });
    expect(await check(login, PASSWORD)).toEqual({ valid: true, active: false });
    const granted = await grantAccess(h.db, inspector, restore.id, new Date(T0.getTime() + 3_800_000));
    expect(granted.login).toBe(login);
    expect(await check(login, RESTORED)).toEqual({ valid: true, active: true });
    expect(await check(login, PASSWORD)).toEqual({ valid: false, active: false });
    expect((await account(login)).status).toBe("active");
    const replaced = await entries(login, "account.password_replaced");
    expect(replaced.rows.at(-1)).toMatchObject({ before: { status: "locked" }, after: { status: "active" } });
    await h.db.delete(rateLimits);
  });

  it("an annulment application entered at the office annuls a locked access as it does an active one", async () => {
    const { login, inn } = await newSubject();
    expect((await post(lockAction, LOCK, { login, password: PASSWORD })).status).toBe(200);
    const annul = await acceptedApplication(h.db, inspector, inn, new Date(T0.getTime() + 3_600_000), { requestKind: "annul", password: undefined, passwordConfirm: undefined });
    expect(await enterAnnulment(h.db, inspector, annul.id, new Date(T0.getTime() + 3_700_000))).toMatchObject({ status: "entered" });
    const row = await account(login);
    expect(row.status).toBe("annulled");
    expect(row.passwordHash).toBeNull();
    expect(await check(login, PASSWORD)).toEqual({ valid: false, active: false });
    await h.db.delete(rateLimits);
  });

  it("an online refusal sent before the lock still ends the access on its day", async () => {
    const { login } = await newSubject();
    const refusal = await post(refusalAction, "/api/v1/refusals", { login, password: PASSWORD });
    const endsAt = new Date(((await refusal.json()) as { accessEndsAt: string }).accessEndsAt);
    expect((await post(lockAction, LOCK, { login, password: PASSWORD })).status).toBe(200);
    expect(await check(login, PASSWORD)).toEqual({ valid: true, active: false });
    expect(await endRefusedAccess(h.db, endsAt)).toEqual({ ended: 1, failed: [] });
    expect((await account(login)).status).toBe("annulled");
    await h.db.delete(rateLimits);
  });

  it("a wrong password is the 401 of any wrong credentials, counted where the credential check counts, and locks nothing", async () => {
    const { login } = await newSubject();
    const before = await account(login);
    const wrong = await post(lockAction, LOCK, { login, password: "Wrong#2025x" });
    expect(wrong.status).toBe(401);
    expect(await expectMatchesContract(LOCK, wrong)).toMatchObject({ type: "/api/v1/problems/invalid-credentials", detail: "The login or the password is wrong." });
    const unknown = await post(lockAction, LOCK, { login: "kb-nobody00", password: PASSWORD });
    expect(unknown.status).toBe(401);
    expect(((await unknown.json()) as { detail: string }).detail).toBe("The login or the password is wrong.");
    expect(await account(login)).toEqual(before);
    expect(await check(login, "Wrong#2025x")).toEqual({ valid: false, active: false });
    const [bucket] = await h.db.select().from(rateLimits).where(eq(rateLimits.bucket, `api:login:${login}`));
    expect(bucket.hits).toBe(2);
    await h.db.delete(rateLimits);
  });

  it("guesses through the lock stop at the login's limit like the credential check's; the right password then waits too", async () => {
    const { login } = await newSubject();
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await post(lockAction, LOCK, { login, password: `Wrong#2025x${i}` })).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual([429, 429]);
    const right = await post(lockAction, LOCK, { login, password: PASSWORD });
    expect(right.status).toBe(429);
    expect(right.headers.get("retry-after")).toMatch(/^\d+$/);
    await expectMatchesContract(LOCK, right);
    // The credential check shares the count.
    expect((await post(verifyAction, "/api/v1/credentials/verify", { login, password: PASSWORD })).status).toBe(429);
    expect((await account(login)).status).toBe("active");
    await h.db.delete(rateLimits);
  });
});

describe("the holder's password change (decision 060, R16)", () => {
  it("replaces the password: the old one is refused from then on, journaled without any password or hash", async () => {
    const { login } = await newSubject();
    const hashBefore = (await account(login)).passwordHash!;
    const response = await post(passwordAction, CHANGE, { login, password: PASSWORD, newPassword: NEW_PASSWORD, newPasswordConfirm: NEW_PASSWORD });
    expect(response.status).toBe(200);
    expect(await expectMatchesContract(CHANGE, response)).toMatchObject({ login });
    expect(await check(login, NEW_PASSWORD)).toEqual({ valid: true, active: true });
    expect(await check(login, PASSWORD)).toEqual({ valid: false, active: false });
    const after = await account(login);
    expect(after.status).toBe("active");
    const journal = await entries(login, "account.password_changed_by_holder");
    expect(journal.rows).toHaveLength(1);
    for (const secret of [PASSWORD, NEW_PASSWORD, hashBefore, after.passwordHash!, "$argon2"]) expect(journal.text).not.toContain(secret);
    await h.db.delete(rateLimits);
  });

  it("a wrong old password changes nothing and is counted", async () => {
    const { login } = await newSubject();
    const before = await account(login);
    const response = await post(passwordAction, CHANGE, { login, password: "Wrong#2025x", newPassword: NEW_PASSWORD, newPasswordConfirm: NEW_PASSWORD });
    expect(response.status).toBe(401);
    expect(await expectMatchesContract(CHANGE, response)).toMatchObject({ type: "/api/v1/problems/invalid-credentials" });
    expect(await account(login)).toEqual(before);
    expect(await check(login, NEW_PASSWORD)).toEqual({ valid: false, active: false });
    const [bucket] = await h.db.select().from(rateLimits).where(eq(rateLimits.bucket, `api:login:${login}`));
    expect(bucket.hits).toBe(2);
    expect((await entries(login, "account.password_changed_by_holder")).rows).toEqual([]);
    await h.db.delete(rateLimits);
  });

  it("a new password that breaks R16 is refused with the application form's own message, in the caller's language", async () => {
    const { login, inn } = await newSubject();
    const before = await account(login);
    const weak = await post(passwordAction, CHANGE, { login, password: PASSWORD, newPassword: "short1!", newPasswordConfirm: "short1!" });
    expect(weak.status).toBe(400);
    const body = (await expectMatchesContract(CHANGE, weak)) as { detail: string; errors: { path: string; message: string }[] };
    expect(body.detail).toBe("The new password does not meet the rule of clause 16.");
    expect(body.errors).toEqual([
      { path: "newPassword", message: "The password is shorter than 8 characters." },
      { path: "newPassword", message: "Add an upper-case letter." },
    ]);
    const withInn = await post(passwordAction, CHANGE, { login, password: PASSWORD, newPassword: `Aa!${inn}`, newPasswordConfirm: `Aa!${inn}` }, { "Accept-Language": "ru" });
    expect(withInn.status).toBe(400);
    expect(((await expectMatchesContract(CHANGE, withInn)) as { errors: unknown[] }).errors).toEqual([{ path: "newPassword", message: "Пароль не должен содержать ИНН." }]);
    const mismatch = await post(passwordAction, CHANGE, { login, password: PASSWORD, newPassword: NEW_PASSWORD, newPasswordConfirm: `${NEW_PASSWORD}!` });
    expect(mismatch.status).toBe(400);
    expect(((await expectMatchesContract(CHANGE, mismatch)) as { errors: unknown[] }).errors).toEqual([{ path: "newPasswordConfirm", message: "The passwords do not match." }]);
    expect(await account(login)).toEqual(before);
    expect(await check(login, PASSWORD)).toEqual({ valid: true, active: true });
    // The holder knew the password: the refused changes gave their hits back.
    const [bucket] = await h.db.select().from(rateLimits).where(eq(rateLimits.bucket, `api:login:${login}`));
    expect(bucket?.hits ?? 0).toBe(0);
    await h.db.delete(rateLimits);
  });

  it("every other failure of both endpoints is a documented problem: no key, bad shape, wrong method", async () => {
    for (const [path, action] of [
      [LOCK, lockAction],
      [CHANGE, passwordAction],
    ] as const) {
      const noKey = await action({ request: new Request(`http://localhost${path}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" }), context: {} });
      expect(noKey.status).toBe(401);
      expect(await expectMatchesContract(path, noKey)).toMatchObject({ type: "/api/v1/problems/missing-api-key" });
      const badShape = await post(action, path, { login: "", password: 5, extra: true });
      expect(badShape.status).toBe(400);
      const body = (await expectMatchesContract(path, badShape)) as { errors: { path: string }[] };
      expect(body.errors.map((e) => e.path)).toEqual(expect.arrayContaining(["login", "password"]));
      const get = await action({ request: new Request(`http://localhost${path}`, { method: "GET", headers: { Authorization: `Bearer ${key}` } }), context: {} });
      expect(get.status).toBe(405);
      await expectMatchesContract(path, get);
    }
  });
});

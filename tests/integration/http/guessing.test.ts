import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DbHandle } from "../../../db/client";
import { journalEntries, rateLimits, staffUsers } from "../../../db/schema";
import { createApiClient } from "../../../workflows/api/clients";
import { hashPassword } from "../../../workflows/auth/argon";
import { unlockCabinetLogin, unlockStaffSignIn } from "../../../workflows/auth/guessing";
import { action as loginAction } from "../../../app/routes/login";
import { action as verifyAction } from "../../../app/routes/api.v1.credentials.verify";
import { releaseAppDatabase, useAppDatabase } from "../../support/app-db";
import { createTestDb } from "../../support/db";
import { createOffice, createStaff, createTaxpayer, grantedSubject, PASSWORD } from "../../support/factories";
import { call, csrfCookieHeader, postForm } from "../../support/http";

const STAFF_PASSWORD = "Staff#Pass2025";
let h: DbHandle;
let admin: Awaited<ReturnType<typeof createStaff>>;
let inspector: Awaited<ReturnType<typeof createStaff>>;
let apiKey: string;
beforeAll(async () => {
  h = await createTestDb();
  useAppDatabase(h);
  await createOffice(h.db, "001");
  admin = await createStaff(h.db, "admin", null);
  inspector = await createStaff(h.db, "inspector", "001");
  ({ key: apiKey } = await createApiClient(h.db, admin, "Cabinet"));
});
afterAll(async () => {
  releaseAppDatabase();
  await h.close();
});
beforeEach(async () => {
  await h.db.delete(rateLimits);
});

/** A staff member who really signs in: a username and a real Argon2 hash. */
async function staffWithPassword(role: "admin" | "inspector") {
  const actor = await createStaff(h.db, role, role === "admin" ? null : "001");
  await h.db.update(staffUsers).set({ passwordHash: await hashPassword(STAFF_PASSWORD) }).where(eq(staffUsers.id, actor.id));
  const [row] = await h.db.select({ username: staffUsers.username }).from(staffUsers).where(eq(staffUsers.id, actor.id));
  return { ...actor, username: row.username };
}

type SignInAnswer = { status: number; deviceCookie: string | null };
async function signInAs(username: string, password: string, ip: string, extraCookie = ""): Promise<SignInAnswer> {
  const cookies = [await csrfCookieHeader(), extraCookie].filter(Boolean).join("; ");
  const res = await call(loginAction as never, postForm("/login", { username, password }, cookies), {}, ip);
  const device = res.headers.getSetCookie().find((c) => c.startsWith("known-device="));
  return { status: res.status, deviceCookie: device ? device.split(";")[0] : null };
}

describe("staff sign-in: guessing stays slow, and nobody can lock the owner out", () => {
  it("10 wrong passwords from one address stop that address, not the administrator signing in from elsewhere", async () => {
    const owner = await staffWithPassword("admin");
    const wrong = [];
    for (let i = 0; i < 10; i++) wrong.push((await signInAs(owner.username, "Wrong#Pass2025", "198.51.100.1")).status);
    expect(wrong.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(wrong.slice(5)).toEqual([429, 429, 429, 429, 429]);
    // Even the right password is refused from the guessing address: guessing cannot go on there.
    expect((await signInAs(owner.username, STAFF_PASSWORD, "198.51.100.1")).status).toBe(429);
    expect((await signInAs(owner.username, STAFF_PASSWORD, "203.0.113.5")).status).toBe(302);
  });

  it("guesses spread over many addresses reach the login's backstop: new browsers wait, the owner's usual browser does not; an unlock is journaled", async () => {
    const owner = await staffWithPassword("inspector");
    const first = await signInAs(owner.username, STAFF_PASSWORD, "203.0.113.7");
    expect(first.status).toBe(302);
    expect(first.deviceCookie).not.toBeNull();

    const spread = [];
    for (let i = 0; i < 22; i++) spread.push((await signInAs(owner.username, "Wrong#Pass2025", `198.51.100.${100 + i}`)).status);
    expect(spread.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(spread.slice(20)).toEqual([429, 429]);
    expect((await signInAs(owner.username, STAFF_PASSWORD, "192.0.2.44")).status).toBe(429);

    // The browser the owner signed in from before counts on its own.
    expect((await signInAs(owner.username, STAFF_PASSWORD, "192.0.2.45", first.deviceCookie!)).status).toBe(302);
    // A forged known-device cookie is not one.
    const forged = `known-device=${encodeURIComponent(Buffer.from(JSON.stringify({ id: "x", logins: [owner.username] })).toString("base64"))}`;
    expect((await signInAs(owner.username, STAFF_PASSWORD, "192.0.2.46", forged)).status).toBe(429);

    await unlockStaffSignIn(h.db, admin, owner.id);
    expect((await signInAs(owner.username, STAFF_PASSWORD, "192.0.2.47")).status).toBe(302);
    const entries = await h.db.select().from(journalEntries).where(and(eq(journalEntries.action, "staff.sign_in_unlocked"), eq(journalEntries.entityId, owner.id)));
    expect(entries).toHaveLength(1);
    expect(entries[0].actorId).toBe(admin.id);
  });

  it("only an administrator unlocks", async () => {
    const owner = await staffWithPassword("inspector");
    await expect(unlockStaffSignIn(h.db, inspector, owner.id)).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("Cabinet credential checks: counted per login and the subject's address", () => {
  const check = (login: string, password: string, clientAddress?: string) =>
    verifyAction({
      request: new Request("http://localhost/api/v1/credentials/verify", {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${apiKey}` },
        body: JSON.stringify({ login, password, ...(clientAddress ? { clientAddress } : {}) }),
      }),
      context: { requestId: "t", clientIp: "10.0.0.9" },
    } as never) as Promise<Response>;

  it("15 wrong passwords from one address stop that address; the owner elsewhere still gets a valid answer", async () => {
    const inn = await createTaxpayer(h.db, "001");
    const { login } = await grantedSubject(h.db, inspector, inn, new Date(Date.now() - 3600_000));
    const statuses = [];
    for (let i = 0; i < 15; i++) statuses.push((await check(login, "Wrong#2025x", "198.51.100.9")).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(10);
    expect(statuses.slice(10)).toEqual([429, 429, 429, 429, 429]);
    const owner = await check(login, PASSWORD, "203.0.113.20");
    expect(owner.status).toBe(200);
    expect(await owner.json()).toEqual({ valid: true, active: true });
  });

  it("an administrator forgets a login's failed checks, journaled in the subject's journal", async () => {
    const inn = await createTaxpayer(h.db, "001");
    const { login } = await grantedSubject(h.db, inspector, inn, new Date(Date.now() - 3600_000));
    for (let i = 0; i < 11; i++) await check(login, "Wrong#2025x");
    expect((await check(login, PASSWORD)).status).toBe(429);
    await unlockCabinetLogin(h.db, admin, login.toUpperCase());
    expect((await check(login, PASSWORD)).status).toBe(200);
    const entries = await h.db.select().from(journalEntries).where(and(eq(journalEntries.action, "account.sign_in_unlocked"), eq(journalEntries.subjectInn, inn)));
    expect(entries).toHaveLength(1);
    await expect(unlockCabinetLogin(h.db, admin, "kb-nobody00")).rejects.toMatchObject({ code: "not_found" });
  });
});

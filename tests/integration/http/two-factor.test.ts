import { generateTOTP } from "@oslojs/otp";
import { eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { queryRows, type DbHandle } from "../../../db/client";
import { rateLimits, sessions, staffRecoveryCodes, staffSecondFactors, staffUsers } from "../../../db/schema";
import { hashPassword } from "../../../workflows/auth/argon";
import { unlockStaffSignIn } from "../../../workflows/auth/guessing";
import { changeOwnPassword } from "../../../workflows/auth/staff";
import { configureSecondFactor, parseTotpKey, resetSecondFactor, secondFactorOf } from "../../../workflows/auth/two-factor";
import { verifyJournal } from "../../../workflows/journal";
import { action as loginAction } from "../../../app/routes/login";
import { action as codeAction, loader as codeLoader } from "../../../app/routes/login_.two-factor";
import { action as enrolAction, loader as enrolLoader } from "../../../app/routes/account.two-factor";
import { loader as deskLoader } from "../../../app/routes/desk._index";
import { loader as adminLoader } from "../../../app/routes/admin._index";
import { action as passwordAction } from "../../../app/routes/account.password";
import { sessionCookie } from "../../../app/utils/cookies.server";
import { heldStaffLogins } from "../../../app/utils/guessing.server";
import { validateSessionToken } from "../../../app/utils/session.server";
import { releaseAppDatabase, useAppDatabase } from "../../support/app-db";
import { createTestDb } from "../../support/db";
import { createOffice, createStaff } from "../../support/factories";
import { call, csrfCookieHeader, getRequest, postForm } from "../../support/http";

// The second factor through the routes as a browser uses them, on a real database (decision 065).
const PASSWORD = "Staff#Pass2025";
let h: DbHandle;
let admin: Awaited<ReturnType<typeof createStaff>>;

beforeAll(async () => {
  h = await createTestDb();
  useAppDatabase(h);
  await createOffice(h.db, "001");
  admin = await createStaff(h.db, "admin", null);
});
afterAll(async () => {
  releaseAppDatabase();
  await h.close();
});
beforeEach(async () => {
  await h.db.delete(rateLimits);
});
afterEach(() => configureSecondFactor({ requiredForInspectors: false }));

async function staffMember(role: "inspector" | "supervisor" | "admin") {
  const actor = await createStaff(h.db, role, role === "admin" ? null : "001");
  await h.db.update(staffUsers).set({ passwordHash: await hashPassword(PASSWORD) }).where(eq(staffUsers.id, actor.id));
  const [row] = await h.db.select({ username: staffUsers.username }).from(staffUsers).where(eq(staffUsers.id, actor.id));
  return { actor, username: row.username };
}

const pair = (setCookie: string) => setCookie.split(";")[0];

/** A browser: its cookies, kept between requests as a browser keeps them. */
class Browser {
  cookies = new Map<string, string>();
  async header() {
    return [await csrfCookieHeader(), ...[...this.cookies].map(([k, v]) => `${k}=${v}`)].join("; ");
  }
  keep(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [name, value] = pair(c).split(/=(.*)/s);
      if (value === "" || /max-age=0/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }
  async get(fn: unknown, path: string) {
    return this.keep(await call(fn as never, getRequest(path, await this.header())));
  }
  async post(fn: unknown, path: string, fields: Record<string, string>, ip = "10.0.0.1") {
    return this.keep(await call(fn as never, postForm(path, fields, await this.header()), {}, ip));
  }
  async sessionToken(): Promise<string> {
    return (await sessionCookie().parse(await this.header())) as string;
  }
}

const totp = (keyText: string, at = Date.now()) => {
  const original = Date.now;
  Date.now = () => at;
  try {
    return generateTOTP(parseTotpKey(keyText), 30, 6);
  } finally {
    Date.now = original;
  }
};

async function journal(action: string, entityId: string) {
  return queryRows<{ after: Record<string, unknown> | null }>(h.db, sql`select after from journal_entries where action = ${action} and entity_id = ${entityId} order by seq`);
}

/** Signs in with the password and enrols at the page the sign-in sends to; returns the key and the recovery codes. */
async function enrol(browser: Browser, username: string) {
  const signedIn = await browser.post(loginAction, "/login", { username, password: PASSWORD, redirectTo: "/desk/search" });
  expect(signedIn.status).toBe(302);
  expect(signedIn.headers.get("location")).toBe("/account/two-factor?redirectTo=%2Fdesk%2Fsearch");
  const page = await (await browser.get(enrolLoader, "/account/two-factor")).json();
  expect(page).toMatchObject({ enrolled: false, required: true });
  expect(page.qr).toMatch(/^data:image\/png;base64,/);
  const done = await browser.post(enrolAction, "/account/two-factor", { key: page.keyText, code: totp(page.keyText), redirectTo: "/desk/search" });
  expect(done.status).toBe(200);
  const body = await done.json();
  return { keyText: page.keyText as string, recoveryCodes: body.recoveryCodes as string[], next: body.next as string };
}

describe("enrolment", () => {
  it("a supervisor is sent to enrol after the password, opens nothing else until then, and is signed in by the enrolment", async () => {
    const { actor, username } = await staffMember("supervisor");
    const browser = new Browser();
    await browser.post(loginAction, "/login", { username, password: PASSWORD });
    const blocked = await browser.get(deskLoader, "/desk");
    expect(blocked.status).toBe(302);
    expect(blocked.headers.get("location")).toBe("/account/two-factor?redirectTo=%2Fdesk");
    // No sign-in is journaled for the password alone.
    expect(await journal("staff.signed_in", actor.id)).toEqual([]);

    const page = await (await browser.get(enrolLoader, "/account/two-factor")).json();
    // A wrong code: refused on the code field, the same key offered again, nothing stored.
    const wrong = await browser.post(enrolAction, "/account/two-factor", { key: page.keyText, code: totp(page.keyText, Date.now() - 10 * 60_000) });
    expect(wrong.status).toBe(400);
    const refused = await wrong.json();
    expect(refused).toMatchObject({ error: { key: "twoFactor.code_wrong" }, fields: { code: "twoFactor.code_wrong" }, again: { keyText: page.keyText } });
    expect(await secondFactorOf(h.db, actor.id)).toBeNull();

    const done = await browser.post(enrolAction, "/account/two-factor", { key: page.keyText, code: totp(page.keyText) });
    const { recoveryCodes, next } = await done.json();
    expect(recoveryCodes).toHaveLength(8);
    for (const code of recoveryCodes) expect(code).toMatch(/^[a-z2-7]{4}(-[a-z2-7]{4}){3}$/);
    expect(new Set(recoveryCodes).size).toBe(8);
    expect(next).toBe("/desk");
    expect((await browser.get(deskLoader, "/desk")).status).toBe(200);

    // Only hashes are kept; the key is never shown again.
    const stored = await h.db.select({ codeHash: staffRecoveryCodes.codeHash }).from(staffRecoveryCodes).where(eq(staffRecoveryCodes.userId, actor.id));
    expect(stored.map((r) => r.codeHash).some((hash) => recoveryCodes.some((c: string) => hash.includes(c.replace(/-/g, ""))))).toBe(false);
    const after = await (await browser.get(enrolLoader, "/account/two-factor")).json();
    expect(after).toEqual({ enrolled: true, enabledAt: expect.any(String), recoveryCodesLeft: 8 });
    expect(JSON.stringify(after)).not.toContain(page.keyText);

    expect(await journal("staff.two_factor_enabled", actor.id)).toEqual([{ after: { recoveryCodes: 8 } }]);
    expect(await journal("staff.signed_in", actor.id)).toEqual([{ after: { secondFactor: "enrolled" } }]);
    // A second enrolment over the first is refused: only an administrator's reset replaces a factor.
    const again = await browser.post(enrolAction, "/account/two-factor", { key: page.keyText, code: totp(page.keyText) });
    expect(again.status).toBe(409);
  });

  it("an inspector signs in with the password alone by default, may enrol, and must when TOTP_REQUIRED_FOR_INSPECTORS=1", async () => {
    const optional = await staffMember("inspector");
    const browser = new Browser();
    const signedIn = await browser.post(loginAction, "/login", { username: optional.username, password: PASSWORD });
    expect(signedIn.headers.get("location")).toBe("/desk");
    expect(await journal("staff.signed_in", optional.actor.id)).toEqual([{ after: null }]);
    const page = await (await browser.get(enrolLoader, "/account/two-factor")).json();
    expect(page).toMatchObject({ enrolled: false, required: false });
    expect((await browser.post(enrolAction, "/account/two-factor", { key: page.keyText, code: totp(page.keyText) })).status).toBe(200);
    // Once enrolled, an inspector's sign-ins ask for the code like anyone's.
    const next = new Browser();
    expect((await next.post(loginAction, "/login", { username: optional.username, password: PASSWORD })).headers.get("location")).toBe("/login/two-factor?redirectTo=%2Fdesk");

    configureSecondFactor({ requiredForInspectors: true });
    const obliged = await staffMember("inspector");
    const third = new Browser();
    expect((await third.post(loginAction, "/login", { username: obliged.username, password: PASSWORD })).headers.get("location")).toBe("/account/two-factor?redirectTo=%2Fdesk");
    expect((await third.get(deskLoader, "/desk")).status).toBe(302);
  });
});

describe("the second step", () => {
  it("a code from the app signs in and is journaled; a wrong one does not", async () => {
    const { actor, username } = await staffMember("admin");
    const { keyText } = await enrol(new Browser(), username);
    const browser = new Browser();
    const signedIn = await browser.post(loginAction, "/login", { username, password: PASSWORD, redirectTo: "/admin/staff" });
    expect(signedIn.headers.get("location")).toBe("/login/two-factor?redirectTo=%2Fadmin%2Fstaff");
    expect((await browser.get(codeLoader, "/login/two-factor")).status).toBe(200);
    expect((await browser.get(adminLoader, "/admin")).headers.get("location")).toBe("/login/two-factor?redirectTo=%2Fadmin");
    // An enrolled user's pending session cannot reach the enrolment page either.
    expect((await browser.get(enrolLoader, "/account/two-factor")).headers.get("location")).toBe("/login/two-factor");

    expect((await browser.post(codeAction, "/login/two-factor", { code: "000000" })).status).toBe(401);
    expect((await browser.post(codeAction, "/login/two-factor", { code: totp(keyText, Date.now() - 5 * 60_000) })).status).toBe(401);
    const passed = await browser.post(codeAction, "/login/two-factor", { code: totp(keyText), redirectTo: "/admin/staff" });
    expect(passed.status).toBe(302);
    expect(passed.headers.get("location")).toBe("/admin/staff");
    expect((await browser.get(adminLoader, "/admin")).status).toBe(200);
    expect((await journal("staff.signed_in", actor.id)).map((e) => e.after)).toEqual([{ secondFactor: "enrolled" }, { secondFactor: "totp" }]);
    // The right code gave its hit back: only the two wrong ones count.
    const [bucket] = await h.db.select().from(rateLimits).where(eq(rateLimits.bucket, `signin:login:${username}|second-factor`));
    expect(bucket.hits).toBe(2);
  });

  it("a recovery code signs in once, whatever its case and dashes; then it no longer works", async () => {
    const { actor, username } = await staffMember("supervisor");
    const { recoveryCodes } = await enrol(new Browser(), username);
    const first = new Browser();
    await first.post(loginAction, "/login", { username, password: PASSWORD });
    const typed = recoveryCodes[3].toUpperCase().replace(/-/g, " ");
    const used = await first.post(codeAction, "/login/two-factor", { code: typed });
    expect(used.status).toBe(302);
    expect(used.headers.get("location")).toBe("/desk");
    expect((await first.get(deskLoader, "/desk")).status).toBe(200);
    expect(await journal("staff.recovery_code_used", actor.id)).toEqual([{ after: { recoveryCodesLeft: 7 } }]);

    const second = new Browser();
    await second.post(loginAction, "/login", { username, password: PASSWORD });
    expect((await second.post(codeAction, "/login/two-factor", { code: recoveryCodes[3] })).status).toBe(401);
    expect((await second.get(deskLoader, "/desk")).status).toBe(302);
    expect((await second.post(codeAction, "/login/two-factor", { code: recoveryCodes[4] })).status).toBe(302);
    expect((await secondFactorOf(h.db, actor.id))?.recoveryCodesLeft).toBe(6);
  });

  it("two requests with the same recovery code at once: one signs in, the other is refused", async () => {
    const { username } = await staffMember("supervisor");
    const { recoveryCodes } = await enrol(new Browser(), username);
    const a = new Browser();
    const b = new Browser();
    await a.post(loginAction, "/login", { username, password: PASSWORD });
    await b.post(loginAction, "/login", { username, password: PASSWORD });
    const answers = await Promise.all([a, b].map((x) => x.post(codeAction, "/login/two-factor", { code: recoveryCodes[0] })));
    expect(answers.map((r) => r.status).sort()).toEqual([302, 401]);
  });

  it("five wrong codes limit the login, from any address, even for the right code; an administrator's unlock lifts it", async () => {
    const { actor, username } = await staffMember("supervisor");
    const { keyText } = await enrol(new Browser(), username);
    const browser = new Browser();
    await browser.post(loginAction, "/login", { username, password: PASSWORD });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await browser.post(codeAction, "/login/two-factor", { code: String(100000 + i) }, `198.51.100.${i}`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    const limited = await browser.post(codeAction, "/login/two-factor", { code: totp(keyText) }, "203.0.113.9");
    expect(limited.status).toBe(429);
    expect(await limited.json()).toMatchObject({ error: "twoFactor.too_many", seconds: expect.any(Number) });
    // A new password sign-in gives no fresh tries: the count is the login's.
    const other = new Browser();
    await other.post(loginAction, "/login", { username, password: PASSWORD }, "192.0.2.1");
    expect((await other.post(codeAction, "/login/two-factor", { code: totp(keyText) }, "192.0.2.1")).status).toBe(429);
    // Administration → Staff shows the login as held, and "Allow sign-in" forgets the wrong codes.
    expect(await heldStaffLogins(h.db, [username])).toEqual(new Set([username]));
    await unlockStaffSignIn(h.db, admin, actor.id);
    expect(await heldStaffLogins(h.db, [username])).toEqual(new Set());
    expect((await browser.post(codeAction, "/login/two-factor", { code: totp(keyText) })).status).toBe(302);
  });
});

describe("an administrator's reset", () => {
  it("deletes the factor and the recovery codes and ends every session of the person in one transaction, journaled", async () => {
    const { actor, username } = await staffMember("supervisor");
    const enrolled = new Browser();
    await enrol(enrolled, username);
    const pending = new Browser();
    await pending.post(loginAction, "/login", { username, password: PASSWORD });
    expect(await h.db.select().from(sessions).where(eq(sessions.userId, actor.id))).toHaveLength(2);

    const { sessionsEnded } = await resetSecondFactor(h.db, admin, actor.id);
    expect(sessionsEnded).toBe(2);
    expect(await validateSessionToken(h.db, await enrolled.sessionToken())).toBeNull();
    expect((await enrolled.get(deskLoader, "/desk")).headers.get("location")).toBe("/login?redirectTo=%2Fdesk");
    expect(await h.db.select().from(staffSecondFactors).where(eq(staffSecondFactors.userId, actor.id))).toEqual([]);
    expect(await h.db.select().from(staffRecoveryCodes).where(eq(staffRecoveryCodes.userId, actor.id))).toEqual([]);
    expect(await journal("staff.two_factor_reset", actor.id)).toEqual([{ after: { sessionsEnded: 2 } }]);
    expect((await verifyJournal(h.db)).ok).toBe(true);

    // The next sign-in enrols again.
    const next = new Browser();
    expect((await next.post(loginAction, "/login", { username, password: PASSWORD })).headers.get("location")).toBe("/account/two-factor?redirectTo=%2Fdesk");
  });

  it("is refused to a non-administrator, for one's own factor, for someone without one, and for no one at all", async () => {
    const { actor, username } = await staffMember("supervisor");
    await enrol(new Browser(), username);
    const supervisor = await createStaff(h.db, "supervisor", "001");
    await expect(resetSecondFactor(h.db, supervisor, actor.id)).rejects.toMatchObject({ code: "forbidden" });
    await expect(resetSecondFactor(h.db, admin, admin.id)).rejects.toMatchObject({ code: "validation", messageKey: "staff.cannot_reset_own_factor" });
    await expect(resetSecondFactor(h.db, admin, supervisor.id)).rejects.toMatchObject({ code: "conflict", messageKey: "staff.two_factor_not_enabled" });
    await expect(resetSecondFactor(h.db, admin, "00000000-0000-0000-0000-000000000000")).rejects.toMatchObject({ code: "not_found" });
    expect(await secondFactorOf(h.db, actor.id)).not.toBeNull();
  });

  it("an enrolment from a session that ended meanwhile (a reset, a sign-out elsewhere) stores nothing", async () => {
    const { actor, username } = await staffMember("supervisor");
    await enrol(new Browser(), username);
    await resetSecondFactor(h.db, admin, actor.id);
    const browser = new Browser();
    await browser.post(loginAction, "/login", { username, password: PASSWORD });
    const page = await (await browser.get(enrolLoader, "/account/two-factor")).json();
    const sessionId = (await h.db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, actor.id)))[0].id;
    await h.db.delete(sessions).where(eq(sessions.id, sessionId));
    // The session is gone: the page sends to sign-in, and the domain refuses the enrolment for that session.
    expect((await browser.post(enrolAction, "/account/two-factor", { key: page.keyText, code: totp(page.keyText) })).status).toBe(302);
    expect(await secondFactorOf(h.db, actor.id)).toBeNull();
  });
});

describe("a password change", () => {
  it("keeps the second step of the session it is made in, and ends the others", async () => {
    const { actor, username } = await staffMember("supervisor");
    const browser = new Browser();
    await enrol(browser, username);
    const changed = await browser.post(passwordAction, "/account/password", { current: PASSWORD, password: "Newer#Pass2026", confirm: "Newer#Pass2026" });
    expect(changed.status).toBe(302);
    expect((await browser.get(deskLoader, "/desk")).status).toBe(200);
    const rows = await h.db.select({ verified: sessions.twoFactorVerified }).from(sessions).where(eq(sessions.userId, actor.id));
    expect(rows).toEqual([{ verified: true }]);
    // (the workflow itself is unchanged: it only checks the current password)
    await expect(changeOwnPassword(h.db, actor, "wrong", "Newest#Pass2027")).rejects.toMatchObject({ code: "validation" });
  });
});

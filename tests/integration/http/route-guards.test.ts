import { readdirSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type DbHandle } from "../../../db/client";
import { DEMO_INNS, seedDemoData } from "../../../db/seed";
import { staffUsers } from "../../../db/schema";
import {
  acceptApplication,
  grantAccess,
  presentApplication,
  proposeCorrection,
  proposeFictitiousAnnulment,
  recordEvidence,
  requiredChecklist,
  submitApplication,
  type StaffActor,
} from "../../../workflows";
import { eq } from "drizzle-orm";
import { releaseAppDatabase, useAppDatabase } from "../../support/app-db";
import { createTestDb } from "../../support/db";
import { call, getRequest, postForm, staffCookies, type RouteModule } from "../../support/http";

/** The registry upload is multipart: a file and no CSRF field. */
function postMultipart(url: string, cookies: string) {
  const body = new FormData();
  body.set("file", new Blob(["inn,name,subject_type,office_code,registration_status\n"], { type: "text/csv" }), "r.csv");
  return new Request(`http://localhost${url}`, { method: "POST", headers: { Cookie: cookies }, body });
}

/**
 * Every route, every kind of visitor: the guard answers before anything happens. The table says who
 * may use each route; routes not in it fail the test, so a new route must be classified.
 */
type Access = "public" | "staff" | "office" | "supervisor" | "admin" | "api" | "api-unknown";
const ACCESS: Record<string, Access> = {
  "_index.tsx": "public",
  // Paths under /api/ that name no endpoint: a 404 problem for everyone.
  "api.$.ts": "api-unknown",
  "account.password.tsx": "staff",
  // Decision 065: the second-step pages open to any session after the password; signed out -> /login.
  "account.two-factor.tsx": "staff",
  "login_.two-factor.tsx": "staff",
  "admin._index.tsx": "admin",
  "admin.api-clients.tsx": "admin",
  "admin.journal.tsx": "admin",
  // Decision 066: the journal filter's download.
  "admin.journal.export.tsx": "admin",
  "admin.notices.tsx": "admin",
  "admin.offices.tsx": "admin",
  "admin.registry.tsx": "admin",
  "admin.staff.tsx": "admin",
  // Decision 068: one staff member's page (move, disable with a reason, jurisdiction, their journal).
  "admin.staff_.$id.tsx": "admin",
  "api.v1.accounts.lock.ts": "api",
  "api.v1.accounts.password.ts": "api",
  "api.v1.applications.status.ts": "api",
  "api.v1.credentials.verify.ts": "api",
  "api.v1.journal.ts": "api",
  "api.v1.openapi[.]json.ts": "public",
  "api.v1.problems.$type.ts": "public",
  "api.v1.refusals.ts": "api",
  "apply._index.tsx": "public",
  "apply.done.tsx": "public",
  "apply.print.tsx": "public",
  "desk._index.tsx": "office",
  "desk.applications.$id.print.tsx": "office",
  "desk.applications.$id.tsx": "office",
  "desk.approvals.tsx": "office",
  "desk.corrections.$id.print.tsx": "office",
  "desk.board.tsx": "supervisor",
  "desk.find.tsx": "office",
  "desk.search.tsx": "office",
  "desk.stats.tsx": "supervisor",
  // Decision 066: the statistics' download, of the supervisor's own office.
  "desk.stats.export.tsx": "supervisor",
  "desk.subjects.$inn.journal[.pdf].tsx": "office",
  "desk.subjects.$inn.tsx": "office",
  "healthz.tsx": "public",
  "login.tsx": "public",
  "logout.tsx": "public",
  "metrics.tsx": "public",
  "refuse.tsx": "public",
  "set-language.tsx": "public",
  "status._index.tsx": "public",
  "status.journal[.pdf].tsx": "public",
  "verify.$id.tsx": "public",
};

const routesDir = path.resolve(__dirname, "../../../app/routes");
const files = readdirSync(routesDir).filter((f) => /\.tsx?$/.test(f));
const modules = import.meta.glob<RouteModule>("../../../app/routes/*.{ts,tsx}");

let h: DbHandle;
let appId: string;
let annulmentId: string;
/** Decision 063: a granted decision, its evidence and a proposed revocation of office 002. */
let decisionId: string;
let evidenceId: string;
let correctionId: string;
const inn002 = DEMO_INNS.registered["002"].individual;
const cookies: Record<string, string> = {};

async function actor(username: string): Promise<StaffActor> {
  const [u] = await h.db.select().from(staffUsers).where(eq(staffUsers.username, username));
  return { type: "staff", id: u.id, role: u.role, officeCode: u.officeCode, fullName: u.fullName };
}

/** Rows of every table that an action could change (rate limits and sessions excluded). */
async function fingerprint() {
  const [row] = await queryRows<Record<string, number>>(
    h.db,
    sql`select (select count(*) from applications)::int a, (select coalesce(sum(version),0) from applications)::int av,
               (select count(*) from access_accounts)::int acc, (select coalesce(sum(version),0) from access_accounts)::int accv,
               (select count(*) from decisions)::int d, (select count(*) from annulments)::int an,
               (select count(*) from fictitious_evidence)::int ev, (select count(*) from corrections)::int cor,
               (select count(*) from corrections where status <> 'proposed')::int cord, (select count(*) from printed_documents)::int doc,
               (select count(*) from staff_users)::int s, (select count(*) from offices)::int o, (select count(*) from api_clients)::int k`,
  );
  return row;
}

const paramsFor = (_file: string): Record<string, string> => ({ id: appId, inn: inn002, type: "conflict" });
const urlFor = (file: string) =>
  "/" +
  file
    .replace(/\.(tsx|ts)$/, "")
    .replace(/^_index$/, "")
    .replace(/\._index$/, "")
    .replace(/_(?=\.)/g, "")
    .replace(/\[\.\]/g, "~")
    .replace(/\./g, "/")
    .replace(/~/g, ".")
    .replace("$id", appId)
    .replace("$inn", inn002)
    .replace("$type", "conflict");

beforeAll(async () => {
  h = await createTestDb();
  await seedDemoData(h.db);
  useAppDatabase(h);
  for (const u of ["inspector.lenin", "supervisor.lenin", "inspector.oktyabr", "supervisor.oktyabr", "supervisor.bishkek", "supervisor.osh", "admin"]) cookies[u] = await staffCookies(h, u);
  const lenin = await actor("inspector.lenin");
  const now = new Date();
  const saved = await submitApplication(
    h.db,
    { requestKind: "grant", subjectType: "individual", inn: inn002, name: "Асанов Бакыт", phone: "+996 555 123 456", password: "Kyrgyz#2025", passwordConfirm: "Kyrgyz#2025" },
    now,
  );
  appId = saved.id;
  await presentApplication(h.db, lenin, appId, now);
  // A second subject with an account and a pending fictitious-activity proposal, for the approvals.
  const inn2 = DEMO_INNS.registered["002"].entrepreneur;
  const other = await submitApplication(
    h.db,
    { requestKind: "grant", subjectType: "entrepreneur", inn: inn2, name: "ИП", phone: "+996 555 123 456", password: "Kyrgyz#2025", passwordConfirm: "Kyrgyz#2025" },
    now,
  );
  await presentApplication(h.db, lenin, other.id, now);
  await acceptApplication(h.db, lenin, other.id, requiredChecklist({ subjectType: "entrepreneur" }), now);
  ({ decisionId } = await grantAccess(h.db, lenin, other.id, now));
  const evidence = await recordEvidence(h.db, lenin, { inn: inn2, kind: "fictitious_supplies", documentNumber: "СЭР-1", documentDate: "2026-01-10", issuer: "СЭР" }, now);
  evidenceId = evidence.id;
  ({ correctionId } = await proposeCorrection(h.db, await actor("supervisor.lenin"), "revoke_decision", decisionId, { reason: "wrong subject", document: null }, now));
  ({ annulmentId } = await proposeFictitiousAnnulment(h.db, lenin, inn2, evidence.id, now));
}, 120_000);
afterAll(async () => {
  releaseAppDatabase();
  await h.close();
});

describe("every route is classified", () => {
  it("the access table names exactly the route files", () => {
    expect(files.sort()).toEqual(Object.keys(ACCESS).sort());
  });
});

describe.each(files)("route %s", (file) => {
  const access = ACCESS[file];
  const load = async () => modules[`../../../app/routes/${file}`]();

  it("refuses visitors without the right role before doing anything", async () => {
    const mod = await load();
    const params = paramsFor(file);
    const url = urlFor(file);
    const before = await fingerprint();
    if (access === "api-unknown") {
      for (const r of [await call(mod.loader!, getRequest("/api/v1/nothing"), params), await call(mod.action!, postForm("/api/v1/nothing", {}), params)]) {
        expect(r.status).toBe(404);
        expect(r.headers.get("content-type")).toBe("application/problem+json");
      }
    } else if (mod.loader && access !== "api") {
      const anon = await call(mod.loader, getRequest(url), params);
      if (access === "public") expect(anon.status, `${file} GET anonymous`).toBeLessThan(500);
      else if (anon.status !== 405) {
        // (405: a POST-only route such as printing; GET does nothing for anyone.)
        expect(anon.status, `${file} GET anonymous`).toBe(302);
        expect(anon.headers.get("location")).toMatch(/^\/login\?redirectTo=/);
      }
      if (anon.status === 405) {
        // nothing more to check on GET
      } else if (access === "admin") expect((await call(mod.loader, getRequest(url, cookies["inspector.lenin"]), params)).status).toBe(403);
      else if (access === "office" || access === "supervisor") expect((await call(mod.loader, getRequest(url, cookies.admin), params)).status).toBe(403);
      if (anon.status !== 405 && access === "supervisor") expect((await call(mod.loader, getRequest(url, cookies["inspector.lenin"]), params)).status).toBe(403);
    }
    if (mod.action && access !== "api-unknown") {
      const fields = { intent: "present", version: "1", annulmentId, what: "application", name: "x", lng: "en" };
      if (access === "api") {
        const r = await call(mod.action, new Request(`http://localhost${url}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" }), params);
        expect(r.status, `${file} POST without key`).toBe(401);
      } else {
        // No CSRF token, even with a valid session: 403 (or the sign-in redirect for staff routes).
        const who = access === "admin" ? cookies.admin : cookies["inspector.lenin"];
        const noTokenRequest =
          file === "admin.registry.tsx" ? postMultipart(url, who.replace(/; csrf=.*/, "")) : postForm(url, fields, who.replace(/; csrf=.*/, ""), false);
        const noToken = await call(mod.action, noTokenRequest, params);
        expect([302, 403], `${file} POST without CSRF`).toContain(noToken.status);
        if (access !== "public" && access !== "staff") {
          const anon = await call(mod.action, postForm(url, fields), params);
          expect(anon.status, `${file} POST anonymous`).toBe(302);
        }
        if (access === "admin") expect((await call(mod.action, postForm(url, fields, cookies["inspector.lenin"]), params)).status).toBe(403);
        if (access === "office" || access === "supervisor") expect((await call(mod.action, postForm(url, fields, cookies.admin), params)).status).toBe(403);
      }
    }
    expect(await fingerprint(), `${file}: refused requests changed nothing`).toEqual(before);
  });
});

describe("staff of another office (R13) are refused every action on office 002's subject", () => {
  const cases: [string, Record<string, string>][] = [
    ["desk.applications.$id.tsx", { intent: "present", version: "2" }],
    ["desk.applications.$id.tsx", { intent: "accept", version: "2", checklist: "form_complete" }],
    ["desk.applications.$id.tsx", { intent: "return", version: "2", reasonsOther: "Нет подписи" }],
    ["desk.applications.$id.tsx", { intent: "grant", version: "2" }],
    ["desk.applications.$id.tsx", { intent: "refuse", version: "2", ground: "no_registration" }],
    ["desk.applications.$id.tsx", { intent: "enter", version: "2" }],
    ["desk.applications.$id.tsx", { intent: "hand_over" }],
    ["desk.applications.$id.tsx", { intent: "not_collected" }],
    ["desk.applications.$id.print.tsx", { what: "application" }],
    ["desk.subjects.$inn.tsx", { intent: "evidence", kind: "fictitious_supplies", documentNumber: "1", documentDate: "2026-01-01", issuer: "x" }],
    ["desk.subjects.$inn.tsx", { intent: "propose", evidenceId: "00000000-0000-0000-0000-000000000000" }],
    ["desk.approvals.tsx", { intent: "approve" }],
    ["desk.approvals.tsx", { intent: "reject", reason: "no" }],
    // Decision 063: the four-eyes corrections.
    ["desk.applications.$id.tsx", { intent: "propose_revocation", decisionId: "@decision", reason: "wrong subject" }],
    ["desk.subjects.$inn.tsx", { intent: "propose_lifting", evidenceId: "@evidence", liftNumber: "2-1/2026", liftDate: "2026-01-20", liftIssuer: "суд", reason: "acquitted" }],
    ["desk.approvals.tsx", { intent: "approve_correction", correctionId: "@correction" }],
    ["desk.approvals.tsx", { intent: "reject_correction", correctionId: "@correction", reason: "no" }],
  ];
  it.each(cases)("%s %o", async (file, fields) => {
    const mod = await modules[`../../../app/routes/${file}`]();
    const before = await fingerprint();
    // supervisor.bishkek sees office 002's board (decision 067) and still acts only in their own office.
    for (const who of ["inspector.oktyabr", "supervisor.oktyabr", "supervisor.bishkek"]) {
      const ids: Record<string, string> = { "@decision": decisionId, "@evidence": evidenceId, "@correction": correctionId };
      const filled = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, ids[v] ?? v]));
      const response = await call(mod.action!, postForm(urlFor(file), { annulmentId, ...filled }, cookies[who]), paramsFor(file));
      expect(response.status, `${who} ${file} ${fields.intent ?? fields.what}`).toBe(403);
    }
    expect(await fingerprint()).toEqual(before);
  });
});

describe("what a supervisor sees follows their jurisdiction (decision 067)", () => {
  // supervisor.bishkek: region BSH (offices 002, 003, 004), employed at 004. supervisor.osh: office 008 only.
  const pages = ["desk.board.tsx", "desk.stats.tsx", "desk.stats.export.tsx"];
  const get = async (file: string, who: string, office: string) => {
    const mod = await modules[`../../../app/routes/${file}`]();
    const query = new URLSearchParams({ office, ...(file === "desk.stats.export.tsx" ? { format: "csv" } : {}) });
    return call(mod.loader!, getRequest(`${urlFor(file)}?${query}`, cookies[who]), {});
  };
  it.each(pages)("%s: a regional supervisor opens each office of the region, and no other", async (file) => {
    for (const office of ["002", "003", "004"]) expect((await get(file, "supervisor.bishkek", office)).status, `${file} ${office}`).toBe(200);
    expect((await get(file, "supervisor.bishkek", "008")).status).toBe(403);
  });
  it.each(pages)("%s: an office's supervisor opens their own office only", async (file) => {
    expect((await get(file, "supervisor.osh", "008")).status).toBe(200);
    for (const office of ["002", "004", "nope"]) expect((await get(file, "supervisor.osh", office)).status, `${file} ${office}`).toBe(403);
  });
  it("the regional supervisor's board of another office shows it without a way to act", async () => {
    const mod = await modules["../../../app/routes/desk.board.tsx"]();
    const body = (await (await call(mod.loader!, getRequest("/desk/board?office=002", cookies["supervisor.bishkek"]), {})).json()) as {
      office: string; overview: { officeCode: string; open: number }[]; queue: { total: number }; proposals: unknown[];
    };
    expect(body.office).toBe("002");
    expect(body.overview.map((o) => o.officeCode)).toEqual(["004", "002", "003"]);
    expect(body.overview.find((o) => o.officeCode === "002")!.open).toBe(body.queue.total);
    expect(body.queue.total).toBeGreaterThan(0);
    // The pending proposal of office 002 is listed (its approval is the office's own: desk.approvals, R13 above).
    expect(body.proposals).toHaveLength(1);
  });
});

describe("a session whose second step is not done opens no staff page (decision 065)", () => {
  const SECOND_STEP = new Set(["account.two-factor.tsx", "login_.two-factor.tsx"]);
  const guarded = files.filter((f) => ["staff", "office", "supervisor", "admin"].includes(ACCESS[f]) && !SECOND_STEP.has(f));
  const pending: Record<"code" | "enrol", { cookies: string; to: RegExp }> = {
    code: { cookies: "", to: /^\/login\/two-factor\?redirectTo=/ },
    enrol: { cookies: "", to: /^\/account\/two-factor\?redirectTo=/ },
  };
  beforeAll(async () => {
    // supervisor.lenin has the demo factor: a session after the password only owes its code.
    pending.code.cookies = await staffCookies(h, "supervisor.lenin", { pending: true });
    // An administrator without a factor must enrol one first.
    await h.db.insert(staffUsers).values({ username: "admin.new", fullName: "Жаңы Администратор", role: "admin", officeCode: null, passwordHash: "not-a-login-hash" });
    pending.enrol.cookies = await staffCookies(h, "admin.new", { pending: true });
  });

  it.each(guarded)("%s: to the second step, for a GET and a POST, changing nothing", async (file) => {
    const mod = await modules[`../../../app/routes/${file}`]();
    const before = await fingerprint();
    for (const [step, { cookies: who, to }] of Object.entries(pending)) {
      if (mod.loader) {
        const r = await call(mod.loader, getRequest(urlFor(file), who), paramsFor(file));
        if (r.status !== 405) {
          expect(r.status, `${file} GET, owing ${step}`).toBe(302);
          expect(r.headers.get("location"), `${file} GET, owing ${step}`).toMatch(to);
        }
      }
      if (mod.action) {
        const fields = { intent: "present", version: "1", annulmentId, what: "application", name: "x", userId: "00000000-0000-0000-0000-000000000000" };
        const request = file === "admin.registry.tsx" ? postMultipart(urlFor(file), who) : postForm(urlFor(file), fields, who);
        const r = await call(mod.action, request, paramsFor(file));
        expect(r.status, `${file} POST, owing ${step}`).toBe(302);
        expect(r.headers.get("location"), `${file} POST, owing ${step}`).toMatch(to);
      }
    }
    expect(await fingerprint()).toEqual(before);
  });

  it("the sign-in page and the home page send such a session on to its second step", async () => {
    for (const file of ["login.tsx", "_index.tsx"]) {
      const mod = await modules[`../../../app/routes/${file}`]();
      expect((await call(mod.loader!, getRequest(urlFor(file), pending.code.cookies))).headers.get("location")).toBe("/login/two-factor");
      expect((await call(mod.loader!, getRequest(urlFor(file), pending.enrol.cookies))).headers.get("location")).toBe("/account/two-factor");
    }
  });

  it("each second-step page sends the other kind of pending session to its own page", async () => {
    const code = await modules["../../../app/routes/login_.two-factor.tsx"]();
    const enrol = await modules["../../../app/routes/account.two-factor.tsx"]();
    expect((await call(code.loader!, getRequest("/login/two-factor", pending.enrol.cookies))).headers.get("location")).toBe("/account/two-factor");
    expect((await call(enrol.loader!, getRequest("/account/two-factor", pending.code.cookies))).headers.get("location")).toBe("/login/two-factor");
    // Nor can a session that owes its code enrol another factor over the one it has.
    const posted = await call(enrol.action!, postForm("/account/two-factor", { key: "A".repeat(32), code: "123456" }, pending.code.cookies));
    expect(posted.status).toBe(302);
    expect(posted.headers.get("location")).toBe("/login/two-factor");
  });
});

import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type DbHandle } from "../../../db/client";
import { DEMO_INNS, seedDemoData } from "../../../db/seed";
import { staffUsers } from "../../../db/schema";
import { presentApplication, submitApplication } from "../../../workflows";
import { eq } from "drizzle-orm";
import { releaseAppDatabase, useAppDatabase } from "../../support/app-db";
import { createTestDb } from "../../support/db";
import { call, csrfCookieHeader, postForm, staffCookies, type RouteModule } from "../../support/http";

/**
 * Random form posts to every action, signed in as the role the route is for, with a valid CSRF
 * token: no answer is a 5xx, and an answer that refuses (4xx) leaves every register as it was.
 * Field names are read from each route's own source, so new fields are fuzzed without edits here.
 */
const TOTAL_POSTS = Number(process.env.FUZZ_POSTS ?? 10_000);
const routesDir = path.resolve(__dirname, "../../../app/routes");
const modules = import.meta.glob<RouteModule>("../../../app/routes/*.{ts,tsx}");
const actionFiles = readdirSync(routesDir).filter((f) => /\.tsx?$/.test(f) && !f.startsWith("api.") && /export (async function|const) action/.test(readFileSync(path.join(routesDir, f), "utf8")));
// Routes whose every call runs an Argon2 verification get fewer posts (the limit is time, not logic).
const SLOW = new Set(["login.tsx", "refuse.tsx", "account.password.tsx", "admin.staff.tsx", "apply._index.tsx", "desk.subjects.$inn.journal[.pdf].tsx", "status.journal[.pdf].tsx", "desk.applications.$id.print.tsx", "apply.print.tsx"]);

function fieldNames(file: string): string[] {
  const src = readFileSync(path.join(routesDir, file), "utf8");
  const names = new Set<string>(["intent", "version"]);
  for (const m of src.matchAll(/form\.get(?:All)?\("([^"]+)"\)/g)) names.add(m[1]);
  for (const m of src.matchAll(/name="([^"]+)"/g)) names.add(m[1]);
  names.delete("csrf");
  return [...names];
}

const hostile = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme", maxLength: 50 }),
  fc.constantFrom("' OR '1'='1", "1; DROP TABLE applications; --", "<script>alert(1)</script>", "../../etc/passwd", "%00", "\u0000", "Ω≈ç√∫", "ң ө ү", "9".repeat(5000), "-1", "NaN", "1e309", "{}", "[]", "present", "grant", "refuse", "enter", "accept", "return", "approve", "reject", "evidence", "propose", "create", "disable", "reset"),
  fc.uuid().map(String),
  fc.stringMatching(/^[0-9]{14}$/),
);

let h: DbHandle;
let appId: string;
const cookies: Record<string, string> = {};
const inn002 = DEMO_INNS.registered["002"].legalEntity;

async function fingerprint() {
  const [row] = await queryRows<Record<string, number>>(
    h.db,
    sql`select (select count(*) from applications)::int a, (select coalesce(sum(version),0) from applications)::int av,
               (select count(*) from access_accounts)::int acc, (select coalesce(sum(version),0) from access_accounts)::int accv,
               (select count(*) from decisions)::int d, (select count(*) from annulments)::int an, (select count(*) from taxpayers)::int t,
               (select count(*) from fictitious_evidence)::int ev, (select count(*) from printed_documents)::int doc,
               (select coalesce(sum(reprints),0) from printed_documents)::int rep,
               (select count(*) from staff_users)::int s, (select coalesce(sum(failed_attempts),0) from staff_users)::int sf,
               (select count(*) from offices)::int o, (select count(*) from api_clients)::int k`,
  );
  return row;
}

function cookiesFor(file: string): string {
  if (file.startsWith("admin.")) return cookies.admin;
  if (file.startsWith("desk.") || file.startsWith("account.")) return cookies["supervisor.lenin"];
  return cookies.anonymous;
}

beforeAll(async () => {
  h = await createTestDb();
  await seedDemoData(h.db);
  useAppDatabase(h);
  for (const u of ["supervisor.lenin", "admin"]) cookies[u] = await staffCookies(h, u);
  cookies.anonymous = await csrfCookieHeader();
  const [sup] = await h.db.select().from(staffUsers).where(eq(staffUsers.username, "supervisor.lenin"));
  const saved = await submitApplication(
    h.db,
    { requestKind: "grant", subjectType: "legal_entity", inn: inn002, name: "ОсОО «Тест»", headName: "Директор", phone: "+996 555 123 456", password: "Kyrgyz#2025", passwordConfirm: "Kyrgyz#2025" },
    new Date(),
  );
  appId = saved.id;
  await presentApplication(h.db, { type: "staff", id: sup.id, role: "supervisor", officeCode: "002", fullName: sup.fullName }, appId, new Date());
}, 120_000);
afterAll(async () => {
  releaseAppDatabase();
  await h.close();
});

describe(`fuzzing every form action (${TOTAL_POSTS} posts in all)`, () => {
  const weights = actionFiles.map((f) => (SLOW.has(f) ? 1 : 10));
  const perWeight = TOTAL_POSTS / weights.reduce((a, b) => a + b, 0);
  it.each(actionFiles.map((f, i) => [f, Math.max(20, Math.round(weights[i] * perWeight))] as const))(
    "%s: %i random posts, no 5xx, refusals change nothing",
    async (file, runs) => {
      const mod = await modules[`../../../app/routes/${file}`]();
      const names = fieldNames(file);
      const url = "/" + file.replace(/\.(tsx|ts)$/, "").replace(/\._index$|^_index$/, "").replace(/\./g, "/");
      const params = { id: appId, inn: inn002 };
      let statuses = new Map<number, number>();
      await fc.assert(
        fc.asyncProperty(fc.dictionary(fc.constantFrom(...names), hostile, { maxKeys: names.length }), async (fields) => {
          const before = await fingerprint();
          const response = await call(mod.action!, postForm(url, fields as Record<string, string>, cookiesFor(file)), params);
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          expect(response.status, `${file} ${JSON.stringify(fields).slice(0, 300)}`).toBeLessThan(500);
          if (response.status >= 400) expect(await fingerprint(), `${file} refused but changed state`).toEqual(before);
        }),
        { numRuns: runs },
      );
      statuses = new Map([...statuses].sort());
      console.log(`${file}: ${[...statuses].map(([s, n]) => `${s}×${n}`).join(" ")}`);
    },
    300_000,
  );
});

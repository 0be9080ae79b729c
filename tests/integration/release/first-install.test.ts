import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { migrateDatabase, openDatabase, queryRows, type DbHandle } from "../../../db/client";
import { startDatabase } from "../../../app/utils/db.server";
import { createFirstAdministrator } from "../../../workflows/auth/staff";
import { signIn } from "../../../workflows/auth/sign-in";
import { verifyJournal } from "../../../workflows/journal";
import { createEmptyServerDatabase, createTestDb } from "../../support/db";

/**
 * A first installation: demo data (public passwords) only where asked for, and a way to make the
 * first administrator.
 */
const serverUrl = process.env.DATABASE_URL;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function counts(h: DbHandle) {
  const [row] = await queryRows<{ offices: number; staff: number; taxpayers: number }>(
    h.db,
    sql`select (select count(*)::int from offices) as offices, (select count(*)::int from staff_users) as staff, (select count(*)::int from taxpayers) as taxpayers`,
  );
  return row;
}

async function migratedServerDatabase(): Promise<string> {
  const fresh = await createEmptyServerDatabase();
  cleanups.push(() => fresh.drop());
  const h = await openDatabase({ url: fresh.url, max: 1 });
  await migrateDatabase(h);
  await h.close();
  return fresh.url;
}

async function started(settings: Parameters<typeof startDatabase>[0]): Promise<DbHandle> {
  const h = await startDatabase(settings);
  cleanups.push(() => h.close());
  return h;
}

describe.skipIf(!serverUrl)("demo data on a server database", () => {
  it("an app process on an empty server database seeds nothing unless DEMO_DATA=1", async () => {
    const url = await migratedServerDatabase();
    const h = await started({ url, dataDir: "unused", schemaWaitMs: 0 });
    expect(await counts(h)).toEqual({ offices: 0, staff: 0, taxpayers: 0 });
    // Two more processes, still unasked: nothing.
    await Promise.all([started({ url, dataDir: "unused", schemaWaitMs: 0 }), started({ url, dataDir: "unused", schemaWaitMs: 0, demoData: "0" })]);
    expect(await counts(h)).toEqual({ offices: 0, staff: 0, taxpayers: 0 });
  });

  it("with DEMO_DATA=1 two processes at once seed it once", async () => {
    const url = await migratedServerDatabase();
    const [a] = await Promise.all([started({ url, dataDir: "unused", schemaWaitMs: 0, demoData: "1" }), started({ url, dataDir: "unused", schemaWaitMs: 0, demoData: "1" })]);
    const c = await counts(a);
    expect(c.offices).toBeGreaterThan(0);
    expect(c.staff).toBeGreaterThan(0);
    const [seeded] = await queryRows<{ n: number }>(a.db, sql`select count(*)::int as n from journal_entries where action = 'demo.seeded'`);
    expect(seeded.n).toBe(1);
  });
});

describe("demo data on the embedded database", () => {
  it("is loaded by default (npm start on a laptop), not with DEMO_DATA=0", async () => {
    const seeded = await started({ dataDir: "memory://", schemaWaitMs: 0 });
    expect((await counts(seeded)).staff).toBeGreaterThan(0);
    const plain = await started({ dataDir: "memory://", schemaWaitMs: 0, demoData: "0" });
    expect(await counts(plain)).toEqual({ offices: 0, staff: 0, taxpayers: 0 });
  }, 120_000);
});

describe("the first administrator", () => {
  let h: DbHandle;
  afterEach(async () => {
    await h?.close();
  });

  it("is made on an empty database, signs in, is journaled, and keeps demo data out afterwards", async () => {
    h = await createTestDb();
    const { id } = await createFirstAdministrator(h.db, { username: " Chief.Admin ", fullName: "Асанов Бакыт", password: "Very-Secret-2026" });
    const signedIn = await signIn(h.db, "chief.admin", "Very-Secret-2026");
    // The password is only the first step: an administrator enrols a second factor first (decision 065).
    expect(signedIn).toMatchObject({ ok: true, actor: { id, role: "admin", officeCode: null }, step: "enrol" });
    const entries = await queryRows<{ action: string; actor_role: string; entity_id: string }>(
      h.db,
      sql`select action, actor_role, entity_id from journal_entries where action = 'staff.created'`,
    );
    expect(entries).toEqual([{ action: "staff.created", actor_role: "system", entity_id: id }]);
    expect((await verifyJournal(h.db)).ok).toBe(true);
    // Unasked demo data never lands in a database an administrator has started.
    const { seedDemoData } = await import("../../../db/seed");
    expect(await seedDemoData(h.db)).toEqual({ seeded: false });
  });

  it("refuses a weak password, a malformed username and a second administrator, changing nothing", async () => {
    h = await createTestDb();
    const attempt = (username: string, password: string) =>
      createFirstAdministrator(h.db, { username, fullName: "Асанов Бакыт", password }).then(
        () => "created",
        (e: { messageKey?: string }) => e.messageKey,
      );
    expect(await attempt("admin", "short")).toBe("password.too_short");
    expect(await attempt("admin", "alllowercase-2026")).toBe("password.needs_upper");
    expect(await attempt("1admin", "Very-Secret-2026")).toBe("staff.username_format");
    expect((await counts(h)).staff).toBe(0);
    expect(await attempt("admin", "Very-Secret-2026")).toBe("created");
    expect(await attempt("second", "Very-Secret-2026")).toBe("staff.administrator_exists");
    expect((await counts(h)).staff).toBe(1);
  });
});

function run(script: string, args: string[], env: Record<string, string>, stdin = ""): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", script, ...args], { env: { ...process.env, ...env } });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("exit", (code) => resolve({ code, out, err }));
    child.stdin.end(stdin);
  });
}

const catalog = (lng: string, ns: string) => JSON.parse(readFileSync(`app/locales/${lng}/${ns}.json`, "utf8"));

describe("npm run admin:create", () => {
  it("makes a working administrator from flags and a password on stdin; says why it refuses", async () => {
    let target: Record<string, string>;
    if (serverUrl) {
      target = { DATABASE_URL: await migratedServerDatabase() };
    } else {
      const dir = mkdtempSync(path.join(tmpdir(), "admin-create-"));
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      target = { DATABASE_URL: "", PGLITE_DIR: dir };
      const h = await openDatabase({ dataDir: dir });
      await migrateDatabase(h);
      await h.close();
    }
    const flags = ["--username", "Chief", "--full-name", "Асанов Бакыт", "--password-stdin"];

    const weak = await run("scripts/admin-create.ts", flags, { ...target, LANG: "ru_RU.UTF-8" }, "Short-1\n");
    expect(weak.code).toBe(1);
    expect(weak.err).toContain(catalog("ru", "common").password.too_short);

    const made = await run("scripts/admin-create.ts", flags, { ...target, LANG: "en_US.UTF-8" }, "Very-Secret-2026\n");
    expect(made.code, made.err).toBe(0);
    expect(made.out).toMatch(/Administrator created: chief/);

    const again = await run("scripts/admin-create.ts", ["--username", "other", "--full-name", "Other Admin"], { ...target, LANG: "en_US.UTF-8", ADMIN_PASSWORD: "Very-Secret-2026" });
    expect(again.code).toBe(1);
    expect(again.err).toContain(catalog("en", "admin").staff.administrator_exists);

    const h = target.DATABASE_URL ? await openDatabase({ url: target.DATABASE_URL, max: 1 }) : await openDatabase({ dataDir: target.PGLITE_DIR });
    try {
      expect(await signIn(h.db, "chief", "Very-Secret-2026")).toMatchObject({ ok: true, actor: { role: "admin" } });
      expect(await counts(h)).toEqual({ offices: 0, staff: 1, taxpayers: 0 });
    } finally {
      await h.close();
    }
  }, 180_000);
});

import { spawn } from "node:child_process";
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { migrateDatabase, openDatabase, queryRows, schemaState, shippedMigrations, type DbHandle } from "../../../db/client";
import { SchemaRefused, startDatabase } from "../../../app/utils/db.server";
import { createEmptyServerDatabase } from "../../support/db";

/**
 * The release step: migrations under an advisory lock, and app processes that check the schema at
 * start instead of migrating a server database themselves.
 */
const onServer = Boolean(process.env.DATABASE_URL);
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function open(url: string): Promise<DbHandle> {
  const h = await openDatabase({ url, max: 2 });
  cleanups.push(() => h.close());
  return h;
}

async function emptyDatabase(): Promise<string> {
  const fresh = await createEmptyServerDatabase();
  cleanups.push(() => fresh.drop());
  return fresh.url;
}

async function start(url: string, schemaWaitMs: number): Promise<DbHandle> {
  const h = await startDatabase({ url, dataDir: "unused", schemaWaitMs });
  cleanups.push(() => h.close());
  return h;
}

/** `npm run db:migrate` as the release step runs it: its own process. */
function migrateProcess(url: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/migrate.ts"], { env: { ...process.env, DATABASE_URL: url } });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("exit", (code) => resolve({ code, output }));
  });
}

async function appliedRows(h: DbHandle) {
  return queryRows<{ n: number; distinct: number }>(h.db, sql`select count(*)::int as n, count(distinct created_at)::int as distinct from drizzle.__drizzle_migrations`);
}

describe.skipIf(!onServer)("migrations on an empty server database, several at once", () => {
  it("two migration runs started at the same moment both succeed and apply each migration once", async () => {
    const url = await emptyDatabase();
    const [a, b] = [await open(url), await open(url)];
    await Promise.all([migrateDatabase(a), migrateDatabase(b)]);
    const [rows] = await appliedRows(a);
    expect(rows.n).toBe(shippedMigrations().length);
    expect(rows.distinct).toBe(rows.n);
  });

  it("two `db:migrate` processes and two app start-ups at the same moment all succeed", async () => {
    const url = await emptyDatabase();
    const [m1, m2, s1, s2] = await Promise.all([migrateProcess(url), migrateProcess(url), start(url, 60_000), start(url, 60_000)]);
    expect(m1.code, m1.output).toBe(0);
    expect(m2.code, m2.output).toBe(0);
    expect([m1.output, m2.output].join("\n")).toMatch(/schema at /);
    for (const h of [s1, s2]) expect((await schemaState(h)).status).toBe("current");
    const [rows] = await appliedRows(s1);
    expect(rows.n).toBe(shippedMigrations().length);
  });

  it("an app process never migrates a server database: it refuses an unmigrated one, and serves it once migrated", async () => {
    const url = await emptyDatabase();
    const refused = await start(url, 0).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(SchemaRefused);
    expect(String((refused as Error).message)).toMatch(/npm run db:migrate/);
    const h = await open(url);
    expect((await schemaState(h)).status).toBe("empty");

    await migrateDatabase(h);
    await expect(start(url, 0)).resolves.toBeDefined();
  });

  it("refuses a schema migrated by a newer version it does not know", async () => {
    const url = await emptyDatabase();
    const h = await open(url);
    await migrateDatabase(h);
    const newest = shippedMigrations().at(-1)!;
    await h.db.execute(sql`insert into drizzle.__drizzle_migrations (hash, created_at) values ('from-a-newer-version', ${newest.when + 1000})`);
    const refused = await start(url, 5_000).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(SchemaRefused);
    expect(String((refused as Error).message)).toMatch(/does not know/);
  });
});

describe("the embedded database", () => {
  it("migrates itself at start, under the same lock, and is at the newest migration", async () => {
    const h = await startDatabase({ dataDir: "memory://", schemaWaitMs: 0, demoData: "0" });
    cleanups.push(() => h.close());
    const state = await schemaState(h);
    expect(state.status).toBe("current");
    expect(state.applied?.tag).toBe(shippedMigrations().at(-1)!.tag);
    // A second run finds nothing to do.
    expect(await migrateDatabase(h)).toEqual({ applied: 0 });
  });
});

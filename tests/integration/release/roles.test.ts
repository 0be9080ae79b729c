import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateDatabase, openDatabase, schemaState } from "../../../db/client";
import { seedDemoData } from "../../../db/seed";
import { startDatabase } from "../../../app/utils/db.server";
import { verifyJournal } from "../../../workflows/journal";

/**
 * deploy/roles.sql on a real server: the migration role migrates; the runtime role starts the app,
 * writes rows and journal entries, and can neither change the schema nor change or remove an entry.
 */
const serverUrl = process.env.DATABASE_URL;
const suffix = randomBytes(4).toString("hex");
const names = { db: `app_t_roles_${suffix}`, owner: `cabinet_owner_t_${suffix}`, app: `cabinet_app_t_${suffix}` };

function urlAs(user: string): string {
  const u = new URL(serverUrl!);
  u.username = user;
  u.password = "";
  u.pathname = `/${names.db}`;
  return u.toString();
}

function runRolesScript() {
  const u = new URL(serverUrl!);
  execFileSync(
    "psql",
    ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-v", `db=${names.db}`, "-v", `owner=${names.owner}`, "-v", `app=${names.app}`, "-f", "deploy/roles.sql",
      "-h", u.hostname, "-p", u.port || "5432", "-U", decodeURIComponent(u.username) || "postgres", "-d", u.pathname.slice(1) || "postgres"],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
}

let app: postgres.Sql;

describe.skipIf(!serverUrl)("deploy/roles.sql: a migration role and a runtime role", () => {
  beforeAll(async () => {
    runRolesScript();
    const owner = await openDatabase({ url: urlAs(names.owner), max: 1 });
    try {
      await migrateDatabase(owner);
    } finally {
      await owner.close();
    }
    app = postgres(urlAs(names.app), { max: 1, onnotice: () => {} });
  });

  afterAll(async () => {
    await app?.end();
    const admin = postgres(serverUrl!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${names.db} with (force)`);
    await admin.unsafe(`drop role if exists ${names.app}`);
    await admin.unsafe(`drop role if exists ${names.owner}`);
    await admin.end();
  });

  it("the runtime role starts the app on the migrated schema and writes rows and journal entries", async () => {
    const h = await startDatabase({ url: urlAs(names.app), dataDir: "unused", schemaWaitMs: 0 });
    try {
      expect((await schemaState(h)).status).toBe("current");
      await seedDemoData(h.db);
      const [row] = await app<{ staff: number; seeded: number }[]>`
        select (select count(*)::int from staff_users) as staff, (select count(*)::int from journal_entries where action = 'demo.seeded') as seeded`;
      expect(row).toEqual({ staff: expect.any(Number), seeded: 1 });
      expect(row.staff).toBeGreaterThan(0);
      expect((await verifyJournal(h.db)).ok).toBe(true);
    } finally {
      await h.close();
    }
  });

  it("the runtime role cannot change the schema: no table, no type, no migration", async () => {
    await expect(app`create table intruder (id int)`).rejects.toMatchObject({ code: "42501" });
    await expect(app`create type intruder as enum ('x')`).rejects.toMatchObject({ code: "42501" });
    await expect(app`alter table journal_entries disable trigger journal_append_only`).rejects.toMatchObject({ code: "42501" });
    await expect(app`insert into drizzle.__drizzle_migrations (hash, created_at) values ('x', 1)`).rejects.toMatchObject({ code: "42501" });
    await expect(app`create schema intruder`).rejects.toMatchObject({ code: "42501" });
    const h = await openDatabase({ url: urlAs(names.app), max: 1 });
    try {
      // The release step run with the runtime role fails on its first DDL statement.
      const failed = await migrateDatabase(h).catch((e: { cause?: { code?: string } }) => e);
      expect(failed).toMatchObject({ cause: { code: "42501" } });
    } finally {
      await h.close();
    }
  });

  it("the runtime role holds no UPDATE, DELETE or TRUNCATE on the journal: after the migration run, and after the script runs again", async () => {
    // Run before the first migration, the script's default privileges gave the role every row
    // right on every new table; the migration run took the journal's back.
    for (const again of [false, true]) {
      if (again) runRolesScript();
      const [rights] = await app<{ select: boolean; insert: boolean; update: boolean; delete: boolean; truncate: boolean }[]>`
        select has_table_privilege('journal_entries', 'select') as select, has_table_privilege('journal_entries', 'insert') as insert,
               has_table_privilege('journal_entries', 'update') as update, has_table_privilege('journal_entries', 'delete') as delete,
               has_table_privilege('journal_entries', 'truncate') as truncate`;
      expect(rights, again ? "after the script again" : "after the migration run").toEqual({ select: true, insert: true, update: false, delete: false, truncate: false });
      // Its time-stamp tokens likewise (decision 062).
      const [anchors] = await app<{ select: boolean; insert: boolean; update: boolean; delete: boolean; truncate: boolean }[]>`
        select has_table_privilege('journal_anchors', 'select') as select, has_table_privilege('journal_anchors', 'insert') as insert,
               has_table_privilege('journal_anchors', 'update') as update, has_table_privilege('journal_anchors', 'delete') as delete,
               has_table_privilege('journal_anchors', 'truncate') as truncate`;
      expect(anchors).toEqual({ select: true, insert: true, update: false, delete: false, truncate: false });
    }
    await expect(app`delete from journal_entries`).rejects.toMatchObject({ code: "42501", message: expect.stringMatching(/permission denied/) });
    await expect(app`update journal_entries set action = 'x'`).rejects.toMatchObject({ code: "42501", message: expect.stringMatching(/permission denied/) });
  });
});

import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import postgres from "postgres";
import { inject } from "vitest";
import { migrateDatabase, openDatabase, type DbHandle } from "../../db/client";

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, started from the run's
 * migrated dump (tests/support/embedded-template.ts), or a brand-new database on the PostgreSQL
 * server when DATABASE_URL is set (dropped again by `close`).
 */
export async function createTestDb(): Promise<DbHandle> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const template = inject("embeddedTemplate");
    if (!template) throw new Error("no migrated embedded database: vitest.config.ts's globalSetup makes it");
    return openDatabase({ dataDir: "memory://", from: new Blob([await readFile(template)]) });
  }
  const name = `app_t_${randomBytes(6).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString(), max: 60 });
  await migrateDatabase(handle);
  return {
    ...handle,
    async close() {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/**
 * A brand-new, empty database on the PostgreSQL server (DATABASE_URL), not migrated: its URL and a
 * `drop` that removes it. For the tests of the release step itself (migrations, start-up).
 */
export async function createEmptyServerDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error("DATABASE_URL is not set");
  const name = `app_t_${randomBytes(6).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

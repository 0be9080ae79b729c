import { migrateDatabase, openDatabase, type Db, type DbHandle } from "../../db/client";
import { seedDemoData } from "../../db/seed";
import { env } from "./env.server";
import { log } from "./log.server";

// One database handle per process, kept on globalThis so that Vite's module reloads in dev reuse it
// (PGlite is a single connection and must be opened once).
const g = globalThis as unknown as { __dbReady?: Promise<DbHandle> };

async function open(): Promise<DbHandle> {
  const e = env();
  const handle = await openDatabase({ url: e.DATABASE_URL, dataDir: e.PGLITE_DIR });
  await migrateDatabase(handle, { migrationsDir: e.MIGRATIONS_DIR });
  const { seeded } = await seedDemoData(handle.db);
  log.info({ driver: handle.driver, seeded }, "database ready");
  return handle;
}

export function dbHandle(): Promise<DbHandle> {
  g.__dbReady ??= open();
  return g.__dbReady;
}

export async function db(): Promise<Db> {
  return (await dbHandle()).db;
}

export async function closeDb(): Promise<void> {
  if (g.__dbReady) await (await g.__dbReady).close();
  g.__dbReady = undefined;
}

/**
 * `npm run db:migrate`: the release step. Applies the committed migrations to the database the app
 * uses (DATABASE_URL, else the embedded one under PGLITE_DIR) under the migration advisory lock, so
 * two runs at once are safe, and says where the schema stands. On a server it runs with the
 * migration role (deploy/roles.sql), before the app processes are started or restarted.
 */
import { env } from "../app/utils/env.server";
import { migrateDatabase, openDatabase, schemaState } from "../db/client";

const { DATABASE_URL: url, PGLITE_DIR, MIGRATIONS_DIR } = env();
const where = url ? "PostgreSQL server (DATABASE_URL)" : `embedded database (${PGLITE_DIR})`;
const handle = await openDatabase(url ? { url, max: 1 } : { dataDir: PGLITE_DIR });
try {
  const { applied } = await migrateDatabase(handle, { migrationsDir: MIGRATIONS_DIR });
  const state = await schemaState(handle, { migrationsDir: MIGRATIONS_DIR });
  if (state.status !== "current") {
    console.error(`${where}: the schema is at ${state.applied?.tag ?? state.applied?.when}, which this version does not ship; not changed.`);
    process.exitCode = 1;
  } else {
    console.log(`${where}: ${applied} migration(s) applied; schema at ${state.shipped.tag}.`);
  }
} catch (error) {
  console.error(`${where}: migration failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await handle.close();
}

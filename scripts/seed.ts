/**
 * `npm run db:seed`: opens the database the way the app does (DATABASE_URL, else PGlite under
 * ./data/pglite), applies the migrations and seeds the demo data if there is no tax office and no
 * staff account yet. Asked for by hand, so on a server too (the app itself seeds a server only with
 * DEMO_DATA=1).
 * Prints counts and usernames; the demo passwords are in docs/decisions/031-demo-data.md.
 */
import { env } from "../app/utils/env.server";
import { migrateDatabase, openDatabase } from "../db/client";
import { DEMO_STAFF } from "../db/seed/demo-data";
import { seedDemoData } from "../db/seed/seed";

const { DATABASE_URL: url, PGLITE_DIR, MIGRATIONS_DIR } = env();
const handle = await openDatabase(url ? { url, max: 2 } : { dataDir: PGLITE_DIR });
try {
  await migrateDatabase(handle, { migrationsDir: MIGRATIONS_DIR });
  const result = await seedDemoData(handle.db);
  const where = url ? "PostgreSQL server (DATABASE_URL)" : "embedded PGlite";
  if (!result.seeded) {
    console.log(`${where}: tax offices or staff accounts already exist, demo data not loaded.`);
  } else {
    console.log(
      `${where}: demo data loaded: ${result.offices} tax offices, ${result.staff} staff accounts, ` +
        `${result.taxpayers} registry taxpayers, ${result.evidence} fictitious-activity records.`,
    );
    console.log(`Staff accounts: ${DEMO_STAFF.map((s) => s.username).join(", ")} (passwords: docs/decisions/031-demo-data.md).`);
  }
} finally {
  await handle.close();
}

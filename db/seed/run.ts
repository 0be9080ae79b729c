/**
 * `npm run db:seed`: opens the database the way the app does (DATABASE_URL, else PGlite under
 * ./data/pglite), applies the migrations and seeds the demo data if there is no tax office yet.
 * Prints counts and usernames; the demo passwords are in docs/decisions/031-demo-data.md.
 */
import { migrateDatabase, openDatabase } from "../client";
import { DEMO_STAFF } from "./demo-data";
import { seedDemoData } from "./seed";

const url = process.env.DATABASE_URL || undefined;
const handle = await openDatabase(url ? { url, max: 2 } : { dataDir: process.env.PGLITE_DIR ?? "./data/pglite" });
try {
  await migrateDatabase(handle);
  const result = await seedDemoData(handle.db);
  const where = url ? "PostgreSQL server (DATABASE_URL)" : "embedded PGlite";
  if (!result.seeded) {
    console.log(`${where}: tax offices already exist, demo data not loaded.`);
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

import { env } from "../app/utils/env.server";
import { openDatabase } from "../db/client";
import { verifyJournal } from "../workflows/journal";

/**
 * `npm run journal:verify`: recomputes every hash chain of the journal and names the first broken
 * entry. Opens the database the way the app does: DATABASE_URL, or PGlite at PGLITE_DIR / ./data/pglite.
 * Exit code 0 when intact, 1 when broken, 2 when the database cannot be read.
 */
async function main(): Promise<number> {
  const { DATABASE_URL: url, PGLITE_DIR } = env();
  const handle = await openDatabase(url ? { url, max: 1 } : { dataDir: PGLITE_DIR });
  try {
    const v = await verifyJournal(handle.db);
    if (v.ok) {
      console.log(`OK: ${v.entries} entries in ${v.chains} chains`);
      return 0;
    }
    const b = v.firstBreak!;
    console.log(`BROKEN: chain ${b.chain}, entry id ${b.id}, seq ${b.seq} (${b.reason}); ${v.entries} entries read`);
    return 1;
  } finally {
    await handle.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`journal:verify failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(2);
  },
);

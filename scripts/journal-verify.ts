import { readFileSync } from "node:fs";
import { env } from "../app/utils/env.server";
import { openDatabase } from "../db/client";
import { verifyJournal } from "../workflows/journal";
import { verifyAnchors } from "../workflows/journal/verify-anchors";

/**
 * `npm run journal:verify`: recomputes every hash chain of the journal and names the first broken
 * entry; then checks every RFC 3161 anchor (decision 062) against the TSA certificate of
 * TSA_CERT_FILE — the file, never a certificate from the database — and names the first anchored
 * entry that no longer matches, and how many entries no anchor covers yet. Opens the database the
 * way the app does: DATABASE_URL, or PGlite at PGLITE_DIR / ./data/pglite.
 * Exit code 0 when intact, 1 when broken, 2 when the database cannot be read.
 */
async function main(): Promise<number> {
  const { DATABASE_URL: url, PGLITE_DIR, TSA_CERT_FILE } = env();
  const handle = await openDatabase(url ? { url, max: 1 } : { dataDir: PGLITE_DIR });
  try {
    let code = 0;
    const v = await verifyJournal(handle.db);
    if (v.ok) console.log(`OK: ${v.entries} entries in ${v.chains} chains`);
    else {
      const b = v.firstBreak!;
      console.log(`BROKEN: chain ${b.chain}, entry id ${b.id}, seq ${b.seq} (${b.reason}); ${v.entries} entries read`);
      code = 1;
    }
    if (!TSA_CERT_FILE) {
      console.log("ANCHORS NOT CHECKED: TSA_CERT_FILE is not set (the journal's keeper could have rewritten it undetected)");
      return code;
    }
    const a = await verifyAnchors(handle.db, readFileSync(TSA_CERT_FILE, "utf8"));
    if (a.firstBreak) {
      const b = a.firstBreak;
      console.log(`ANCHOR BROKEN: chain ${b.chain}, anchored entry seq ${b.seq} (${b.reason}): ${b.detail}; the change lies in seq ${b.fromSeq}–${b.seq}`);
      code = 1;
    } else console.log(`ANCHORS OK: ${a.anchors} tokens verified`);
    for (const d of a.backdated) {
      console.log(`BACKDATED: chain ${d.chain}, seq ${d.seq} claims ${d.at.toISOString()}, before the anchor of seq ${d.anchorSeq} stamped ${d.tsaTime.toISOString()}`);
      code = 1;
    }
    for (const c of a.chains.filter((x) => x.unprotected > 0)) {
      console.log(`NOT YET ANCHORED: chain ${c.chain}, ${c.unprotected} entries after seq ${c.anchoredSeq}${c.anchoredAt ? ` (anchored ${c.anchoredAt.toISOString()})` : " (never anchored)"}`);
    }
    return code;
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

import { asc, gt, and, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { journalChains, journalEntries } from "../../db/schema";
import { entryHash, GENESIS_HASH } from "./hash";

export interface ChainBreak {
  chain: string;
  id: number;
  seq: number;
  reason: "hash_mismatch" | "broken_link" | "sequence_gap" | "head_mismatch";
}

export interface JournalVerification {
  ok: boolean;
  entries: number;
  chains: number;
  firstBreak: ChainBreak | null;
}

/** Recomputes every chain from its genesis; reports the first entry whose hash or link is wrong. */
export async function verifyJournal(db: Db, pageSize = 5000): Promise<JournalVerification> {
  const chains = await db.select().from(journalChains).orderBy(asc(journalChains.chain));
  let entries = 0;
  for (const c of chains) {
    let prevHash = GENESIS_HASH;
    let expectedSeq = 1;
    let lastSeq = 0;
    for (;;) {
      const rows = await db
        .select()
        .from(journalEntries)
        .where(and(eq(journalEntries.chain, c.chain), gt(journalEntries.seq, lastSeq)))
        .orderBy(asc(journalEntries.seq))
        .limit(pageSize);
      if (rows.length === 0) break;
      for (const r of rows) {
        entries++;
        const seq = Number(r.seq);
        const at = { chain: c.chain, id: Number(r.id), seq };
        if (seq !== expectedSeq) return { ok: false, entries, chains: chains.length, firstBreak: { ...at, reason: "sequence_gap" } };
        if (r.prevHash !== prevHash) return { ok: false, entries, chains: chains.length, firstBreak: { ...at, reason: "broken_link" } };
        const recomputed = entryHash({ ...r, seq, at: new Date(r.at) });
        if (recomputed !== r.hash) return { ok: false, entries, chains: chains.length, firstBreak: { ...at, reason: "hash_mismatch" } };
        prevHash = r.hash;
        expectedSeq++;
        lastSeq = seq;
      }
    }
    if (prevHash !== c.headHash || lastSeq !== Number(c.seq)) {
      return { ok: false, entries, chains: chains.length, firstBreak: { chain: c.chain, id: 0, seq: lastSeq, reason: "head_mismatch" } };
    }
  }
  return { ok: true, entries, chains: chains.length, firstBreak: null };
}

import { and, asc, eq, gt } from "drizzle-orm";
import type { Db } from "../../db/client";
import { journalAnchors, journalChains, journalEntries } from "../../db/schema";
import { entryHash, GENESIS_HASH } from "./hash";
import { anchoredStatement, verifyTimeStampToken } from "./tsa";

/**
 * The journal checked against its anchors (decision 062), which the database's owner cannot
 * forge: every token must verify against the TSA certificate of the configuration, stamp the
 * stored head hash, and that hash must be what the entries recompute to at that seq, each entry
 * hashed from its content and its recomputed predecessor (not from the hashes stored beside it,
 * which an owner can recompute as well).
 */

export type AnchorBreakReason =
  /** The token does not verify against the trusted TSA certificate (or is not a TSA's). */
  | "token_invalid"
  /** The token stamps another hash than the anchor row says. */
  | "token_mismatch"
  /** The entries recompute at that seq to another hash than the one stamped: history was rewritten. */
  | "rewritten"
  /** The chain no longer reaches the anchored seq. */
  | "truncated";

export interface AnchorBreak {
  chain: string;
  anchorId: number;
  /** The anchored entry (the head when it was stamped) that no longer matches. */
  seq: number;
  /** The rewrite lies in the entries from this seq to `seq` (after the previous anchor that still matches). */
  fromSeq: number;
  reason: AnchorBreakReason;
  detail: string;
}

/** An entry after an anchor whose time claims to be before that anchor was stamped. */
export interface Backdated {
  chain: string;
  seq: number;
  at: Date;
  anchorSeq: number;
  tsaTime: Date;
}

export interface ChainProtection {
  chain: string;
  head: number;
  /** The newest anchor that verifies (0: none). */
  anchoredSeq: number;
  anchoredAt: Date | null;
  /** Entries newer than it: not yet protected. */
  unprotected: number;
}

export interface AnchorVerification {
  ok: boolean;
  anchors: number;
  firstBreak: AnchorBreak | null;
  backdated: Backdated[];
  chains: ChainProtection[];
  /** Entries newer than their chain's last anchor, over every chain. */
  unprotected: number;
}

/**
 * How far before an anchor's TSA time an entry after it may claim to have been written: an
 * append's time is its statement's start, which can precede a head read by a lock wait.
 */
export const BACKDATING_TOLERANCE_MS = 5 * 60_000;

export async function verifyAnchors(db: Db, trustedPem: string, pageSize = 5000): Promise<AnchorVerification> {
  const chains = await db.select().from(journalChains).orderBy(asc(journalChains.chain));
  const all = await db.select().from(journalAnchors).orderBy(asc(journalAnchors.chain), asc(journalAnchors.headSeq), asc(journalAnchors.id));
  let firstBreak: AnchorBreak | null = null;
  const backdated: Backdated[] = [];
  const protection: ChainProtection[] = [];
  for (const c of chains) {
    const head = Number(c.seq);
    const anchors = all.filter((a) => a.chain === c.chain);
    // Each token checked first: its time is what backdating is measured against.
    const checked: { id: number; seq: number; hash: string; tsaTime: Date | null; problem: { reason: AnchorBreakReason; detail: string } | null }[] = [];
    for (const a of anchors) {
      const statement = anchoredStatement(a.chain, Number(a.headSeq), a.headHash);
      const check = await verifyTimeStampToken(a.token, statement, trustedPem);
      const problem = check.ok
        ? null
        : { reason: check.reason === "imprint_mismatch" ? ("token_mismatch" as const) : ("token_invalid" as const), detail: check.detail };
      checked.push({ id: Number(a.id), seq: Number(a.headSeq), hash: a.headHash, tsaTime: check.ok ? check.tsaTime : null, problem });
    }
    let next = 0; // the next anchor to reach
    let lastGood = null as { seq: number; tsaTime: Date } | null;
    let chainBroken = false;
    const breakAt = (a: (typeof checked)[number], reason: AnchorBreakReason, detail: string) => {
      chainBroken = true;
      firstBreak ??= { chain: c.chain, anchorId: a.id, seq: a.seq, fromSeq: (lastGood?.seq ?? 0) + 1, reason, detail };
    };
    // Anchors whose token fails are reported where the walk reaches them; an anchor at seq 0 cannot exist.
    let prevHash = GENESIS_HASH;
    let lastSeq = 0;
    const reach = (seq: number, recomputed: string) => {
      while (next < checked.length && checked[next].seq === seq) {
        const a = checked[next++];
        if (chainBroken) continue;
        if (a.problem) breakAt(a, a.problem.reason, a.problem.detail);
        else if (a.hash !== recomputed) breakAt(a, "rewritten", `the entries recompute at seq ${seq} to another hash than the one stamped at ${a.tsaTime!.toISOString()}`);
        else lastGood = { seq, tsaTime: a.tsaTime! };
      }
    };
    for (;;) {
      const rows = await db
        .select()
        .from(journalEntries)
        .where(and(eq(journalEntries.chain, c.chain), gt(journalEntries.seq, lastSeq)))
        .orderBy(asc(journalEntries.seq))
        .limit(pageSize);
      if (rows.length === 0) break;
      for (const r of rows) {
        const seq = Number(r.seq);
        const at = new Date(r.at);
        while (next < checked.length && checked[next].seq < seq) {
          const a = checked[next++];
          if (!chainBroken) breakAt(a, "truncated", `the chain skips the anchored seq ${a.seq}`);
        }
        // Each hash from the entry's content and the recomputed predecessor, never the stored prev_hash.
        const recomputed = entryHash({ ...r, seq, at, prevHash });
        if (lastGood && !chainBroken && seq > lastGood.seq && at.getTime() < lastGood.tsaTime.getTime() - BACKDATING_TOLERANCE_MS) {
          backdated.push({ chain: c.chain, seq, at, anchorSeq: lastGood.seq, tsaTime: lastGood.tsaTime });
        }
        reach(seq, recomputed);
        prevHash = recomputed;
        lastSeq = seq;
      }
    }
    while (next < checked.length) {
      const a = checked[next++];
      if (!chainBroken) breakAt(a, "truncated", `the chain ends at seq ${lastSeq}, before the anchored seq ${a.seq}`);
    }
    const good = lastGood;
    const anchoredSeq = chainBroken ? 0 : (good?.seq ?? 0);
    protection.push({ chain: c.chain, head, anchoredSeq, anchoredAt: chainBroken ? null : (good?.tsaTime ?? null), unprotected: Math.max(0, head - anchoredSeq) });
  }
  const unprotected = protection.reduce((n, p) => n + p.unprotected, 0);
  return { ok: firstBreak === null && backdated.length === 0, anchors: all.length, firstBreak, backdated, chains: protection, unprotected };
}

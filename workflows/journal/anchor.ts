import { sql } from "drizzle-orm";
import pLimit from "p-limit";
import { queryRows, type Db } from "../../db/client";
import { anchoredStatement, requestTimeStamp, type TsaClientSettings } from "./tsa";

/**
 * Anchoring (decision 062): each chain's head, when it moved since its newest anchor, is
 * time-stamped by the configured RFC 3161 TSA and the token is stored in journal_anchors. Nothing
 * here holds a lock or a transaction while the TSA answers: a TSA that is slow or down costs the
 * request paths nothing.
 */

export interface Anchor {
  chain: string;
  headSeq: number;
  headHash: string;
  tsaTime: Date;
  tokenSerial: string;
}

export interface AnchorFailure {
  chain: string;
  /** "rewritten": the entry an earlier anchor covers no longer has the anchored hash; "tsa": the TSA failed. */
  kind: "rewritten" | "tsa";
  message: string;
}

export interface AnchorRound {
  anchored: Anchor[];
  failed: AnchorFailure[];
  /** Chains whose head is already anchored. */
  unchanged: number;
}

interface PendingRow {
  chain: string;
  seq: string | number;
  head_hash: string;
  anchored_seq: string | number | null;
  anchored_hash: string | null;
  stored_hash: string | null;
}

/** Chains whose head moved past their newest anchor, with what the journal holds at that anchor. */
async function pendingChains(db: Db, chains?: string[]): Promise<{ pending: PendingRow[]; unchanged: number }> {
  const rows = await queryRows<PendingRow & { anchored: boolean }>(
    db,
    sql`select c.chain, c.seq, c.head_hash, a.head_seq as anchored_seq, a.head_hash as anchored_hash,
               (select e.hash from journal_entries e where e.chain = c.chain and e.seq = a.head_seq) as stored_hash,
               (a.head_seq is not null and a.head_seq >= c.seq) as anchored
        from journal_chains c
        left join lateral (select head_seq, head_hash from journal_anchors x where x.chain = c.chain order by head_seq desc, id desc limit 1) a on true
        where c.seq > 0 ${chains ? sql`and c.chain in ${chains.length ? sql`(${sql.join(chains.map((c) => sql`${c}`), sql`, `)})` : sql`(null)`}` : sql``}
        order by c.chain`,
  );
  return { pending: rows.filter((r) => !r.anchored), unchanged: rows.filter((r) => r.anchored).length };
}

/** Stamps one chain's head and stores the token (unless an anchor at or past that seq appeared meanwhile). */
async function anchorHead(db: Db, tsa: TsaClientSettings, row: PendingRow): Promise<Anchor> {
  const headSeq = Number(row.seq);
  const issued = await requestTimeStamp(tsa, anchoredStatement(row.chain, headSeq, row.head_hash));
  await queryRows(
    db,
    sql`insert into journal_anchors (chain, head_seq, head_hash, tsa_time, token_serial, token)
        select ${row.chain}, ${headSeq}, ${row.head_hash}, ${issued.tsaTime.toISOString()}::timestamptz, ${issued.serial}, ${sql`decode(${issued.token.toString("base64")}, 'base64')`}
        where not exists (select 1 from journal_anchors where chain = ${row.chain} and head_seq >= ${headSeq})`,
  );
  return { chain: row.chain, headSeq, headHash: row.head_hash, tsaTime: issued.tsaTime, tokenSerial: issued.serial };
}

/**
 * One anchoring round: every chain (or those named) whose head moved since its newest anchor is
 * stamped. A chain whose anchored entry no longer carries the anchored hash is not stamped again
 * (that would anchor a rewritten history) and is reported as rewritten; journal:verify tells which
 * anchor and which entries.
 */
export async function anchorChains(db: Db, tsa: TsaClientSettings, opts: { chains?: string[]; concurrency?: number } = {}): Promise<AnchorRound> {
  const { pending, unchanged } = await pendingChains(db, opts.chains);
  const limit = pLimit(opts.concurrency ?? 4);
  const anchored: Anchor[] = [];
  const failed: AnchorFailure[] = [];
  await Promise.all(
    pending.map((row) =>
      limit(async () => {
        if (row.anchored_seq !== null && row.stored_hash !== row.anchored_hash) {
          failed.push({ chain: row.chain, kind: "rewritten", message: `entry seq ${row.anchored_seq} no longer has the hash anchored for it` });
          return;
        }
        try {
          anchored.push(await anchorHead(db, tsa, row));
        } catch (error) {
          failed.push({ chain: row.chain, kind: "tsa", message: error instanceof Error ? error.message : String(error) });
        }
      }),
    ),
  );
  return { anchored, failed, unchanged };
}

/** What the periodic anchoring has done; read by the admin journal page. */
export interface AnchoringState {
  lastRoundAt: Date | null;
  lastSuccessAt: Date | null;
  lastFailureAt: Date | null;
  lastFailure: string | null;
  /** Rounds in a row that left a chain unanchored. */
  failures: number;
}

/**
 * The periodic anchoring of one process: a round every `intervalMs` while rounds succeed; after a
 * failed round the next comes after a backoff that doubles from `retryMs` up to the interval.
 * `runOnce` never throws: a failure is recorded and returned with the delay before the next round.
 */
export class AnchoringJob {
  readonly state: AnchoringState = { lastRoundAt: null, lastSuccessAt: null, lastFailureAt: null, lastFailure: null, failures: 0 };

  constructor(
    private readonly db: () => Promise<Db>,
    private readonly tsa: TsaClientSettings,
    private readonly opts: { intervalMs: number; retryMs?: number; onFailure?: (f: AnchorFailure[] | Error) => void },
  ) {}

  /** The delay after the current state: the interval, or the backoff after failures. */
  nextDelayMs(): number {
    if (this.state.failures === 0) return this.opts.intervalMs;
    const base = this.opts.retryMs ?? Math.min(5_000, this.opts.intervalMs);
    return Math.min(this.opts.intervalMs, base * 2 ** (this.state.failures - 1));
  }

  async runOnce(now = new Date()): Promise<{ round: AnchorRound | null; delayMs: number }> {
    this.state.lastRoundAt = now;
    let round: AnchorRound | null = null;
    try {
      round = await anchorChains(await this.db(), this.tsa);
      if (round.failed.length) {
        this.fail(now, round.failed.map((f) => `${f.chain}: ${f.message}`).join("; "));
        this.opts.onFailure?.(round.failed);
      } else {
        this.state.failures = 0;
        this.state.lastSuccessAt = now;
      }
    } catch (error) {
      this.fail(now, error instanceof Error ? error.message : String(error));
      this.opts.onFailure?.(error instanceof Error ? error : new Error(String(error)));
    }
    return { round, delayMs: this.nextDelayMs() };
  }

  private fail(now: Date, message: string) {
    this.state.failures++;
    this.state.lastFailureAt = now;
    this.state.lastFailure = message;
  }
}

export interface ChainAnchorAge {
  chain: string;
  /** Seconds since the newest anchor's TSA time; for a chain never anchored, since its first entry. */
  ageSeconds: number;
  /** Entries newer than the newest anchor (not yet protected). */
  unanchored: number;
}

/** Per chain with entries: how old its newest anchor is and how many entries it does not cover. */
export async function anchorAges(db: Db): Promise<ChainAnchorAge[]> {
  const rows = await queryRows<{ chain: string; age: string | number; unanchored: string | number }>(
    db,
    sql`select c.chain, c.seq - coalesce(a.head_seq, 0) as unanchored,
               extract(epoch from (now() - coalesce(a.tsa_time, (select min(e.at) from journal_entries e where e.chain = c.chain), now()))) as age
        from journal_chains c
        left join lateral (select head_seq, tsa_time from journal_anchors x where x.chain = c.chain order by head_seq desc, id desc limit 1) a on true
        where c.seq > 0 order by c.chain`,
  );
  return rows.map((r) => ({ chain: r.chain, ageSeconds: Math.max(0, Number(r.age)), unanchored: Math.max(0, Number(r.unanchored)) }));
}

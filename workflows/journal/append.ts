import { sql, type SQL } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../../db/client";
import { journalChains } from "../../db/schema";
import { actorId, actorRole, type Actor } from "../actor";
import { entryHash, GENESIS_HASH } from "./hash";

export interface JournalInput {
  actor: Actor;
  /** The office the event belongs to; it also names the hash chain (null: the "global" chain). */
  officeCode: string | null;
  action: string;
  subjectInn?: string | null;
  entityType?: string | null;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
  /** The same key is journaled once; a second append with it returns null and writes nothing. */
  idempotencyKey?: string;
}

export function chainOf(officeCode: string | null): string {
  return officeCode ?? "global";
}

/** A chain's head as read under its row lock; `at` is the time the next entries get. */
export interface ChainHead {
  chain: string;
  seq: number;
  headHash: string;
  at: Date;
}

export interface HeadRow {
  head_seq: string | number | null;
  head_hash: string | null;
  head_at: string | Date | null;
}

/**
 * The select that locks a chain's head, as SQL to embed in a larger statement (so that a
 * transition can take the lock in the same round trip as its last write before the journal).
 * Its columns are those of HeadRow. The time is the database's, to the millisecond, so that the
 * hash survives the round trip.
 */
export function lockHeadSql(chain: SQL): SQL {
  return sql`select seq as head_seq, head_hash, date_trunc('milliseconds', statement_timestamp()) as head_at
             from journal_chains where chain = ${chain} for update`;
}

/** The head from a row of lockHeadSql; null when the chain has no head yet. */
export function headFrom(chain: string, row: HeadRow | undefined): ChainHead | null {
  if (!row || row.head_seq === null || row.head_hash === null || row.head_at === null) return null;
  return { chain, seq: Number(row.head_seq), headHash: row.head_hash, at: new Date(row.head_at) };
}

/**
 * Locks a chain's head for the rest of the transaction, creating it at the first entry of the
 * chain (the head exists after that, so the insert is not sent per entry while others wait).
 */
export async function lockChainHead(tx: DbOrTx, officeCode: string | null): Promise<ChainHead> {
  const chain = chainOf(officeCode);
  const head = headFrom(chain, (await queryRows<HeadRow>(tx, lockHeadSql(sql`${chain}`)))[0]);
  if (head) return head;
  await tx.insert(journalChains).values({ chain, seq: 0, headHash: GENESIS_HASH }).onConflictDoNothing();
  return headFrom(chain, (await queryRows<HeadRow>(tx, lockHeadSql(sql`${chain}`)))[0])!;
}

/**
 * Writes entries after a locked head, linked in the given order, and moves the head: one
 * statement, so that the head lock is held for one round trip after the hashes are computed.
 * Every entry must belong to the head's chain.
 */
export async function writeEntries(tx: DbOrTx, head: ChainHead, inputs: JournalInput[]) {
  let seq = head.seq;
  let prevHash = head.headHash;
  const written: { fields: ReturnType<typeof entryFields>; hash: string; key: string | null }[] = [];
  for (const input of inputs) {
    if (chainOf(input.officeCode) !== head.chain) throw new Error(`journal entry for chain ${chainOf(input.officeCode)} after the head of ${head.chain}`);
    const fields = entryFields(input, head, ++seq, prevHash);
    const hash = entryHash(fields);
    written.push({ fields, hash, key: input.idempotencyKey ?? null });
    prevHash = hash;
  }
  const json = (v: unknown) => (v === null ? null : JSON.stringify(v));
  const values = written.map(
    ({ fields: f, hash, key }) =>
      sql`(${f.chain}, ${f.seq}::bigint, ${f.at.toISOString()}::timestamptz, ${f.actorId}::uuid, ${f.actorRole}, ${f.officeCode}::text,
           ${f.action}, ${f.subjectInn}::varchar, ${f.entityType}::text, ${f.entityId}::text, ${json(f.before)}::jsonb, ${json(f.after)}::jsonb,
           ${f.prevHash}, ${hash}, ${key}::text)`,
  );
  const rows = await queryRows<{ id: string | number; seq: string | number }>(
    tx,
    sql`with entries as (
          insert into journal_entries (chain, seq, at, actor_id, actor_role, office_code, action, subject_inn, entity_type, entity_id, before, after, prev_hash, hash, idempotency_key)
          values ${sql.join(values, sql`, `)}
          returning id, seq
        ), moved as (
          update journal_chains set seq = ${seq}::bigint, head_hash = ${prevHash} where chain = ${head.chain}
        )
        select id, seq from entries order by seq`,
  );
  return rows.map((r, i) => ({ id: Number(r.id), seq: Number(r.seq), hash: written[i].hash }));
}

function entryFields(input: JournalInput, head: ChainHead, seq: number, prevHash: string) {
  return {
    chain: head.chain,
    seq,
    at: head.at,
    actorId: actorId(input.actor),
    actorRole: actorRole(input.actor),
    officeCode: input.officeCode,
    action: input.action,
    subjectInn: input.subjectInn ?? null,
    entityType: input.entityType ?? null,
    entityId: input.entityId ?? null,
    before: input.before ?? null,
    after: input.after ?? null,
    prevHash,
  };
}

/**
 * Appends one entry inside the caller's transaction. The chain head row is locked, so appends to one
 * chain are serialised and the links never fork. Two round trips: lock the head, then insert the
 * entry and move the head. The idempotency key is looked up after the lock, in a statement of its
 * own: its snapshot must be taken after a concurrent append with the same key has committed.
 */
export async function appendJournal(tx: DbOrTx, input: JournalInput) {
  const head = await lockChainHead(tx, input.officeCode);
  if (input.idempotencyKey) {
    const [seen] = await queryRows<{ id: unknown }>(tx, sql`select id from journal_entries where idempotency_key = ${input.idempotencyKey} limit 1`);
    if (seen) return null;
  }
  const [entry] = await writeEntries(tx, head, [input]);
  return entry;
}

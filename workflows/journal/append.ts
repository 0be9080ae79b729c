import { SQL, sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../../db/client";
import { actorId, actorRole, type Actor } from "../actor";
import type { JournalAction } from "./actions";
import { NOTICE_ACTIONS, isNoticeAction } from "../notices/kinds";

export interface JournalInput {
  actor: Actor;
  /** The office the event belongs to; it also names the hash chain (null: the "global" chain). */
  officeCode: string | null;
  action: JournalAction;
  subjectInn?: string | null;
  entityType?: string | null;
  entityId?: string | null;
  before?: unknown;
  /** JSON, or a jsonb expression of the statement that writes the entry (entriesSql; a decision's number). */
  after?: unknown;
  /** The same key is journaled once; a second append with it returns null and writes nothing. */
  idempotencyKey?: string;
}

export function chainOf(officeCode: string | null): string {
  return officeCode ?? "global";
}

interface HeadRow {
  head_seq: string | number | null;
  head_hash: string | null;
  head_at: string | Date | null;
}

/**
 * The select that locks a chain's head, as SQL to embed in a larger statement (the CTE `head` of
 * entriesSql). Its columns are those of HeadRow. The time is the database's, to the millisecond,
 * so that the hash survives the round trip.
 */
export function lockHeadSql(chain: SQL): SQL {
  return sql`select seq as head_seq, head_hash, date_trunc('milliseconds', statement_timestamp()) as head_at
             from journal_chains where chain = ${chain} for update`;
}

/**
 * Every chain's head exists before its first entry (migration 0003: the global chain, and an
 * office's from the office's insert), so a missing head is a broken database, not a first entry.
 */
function missingHead(chain: string): Error {
  return new Error(`journal chain "${chain}" has no head: is the office in the register?`);
}

/** Locks a chain's head for the rest of the transaction. */
export async function lockChainHead(tx: DbOrTx, officeCode: string | null): Promise<void> {
  const chain = chainOf(officeCode);
  if ((await queryRows<HeadRow>(tx, lockHeadSql(sql`${chain}`))).length === 0) throw missingHead(chain);
}

/** A payload as SQL: JSON made here, or a jsonb expression of the same statement (a decision's number). */
function payloadSql(value: unknown): SQL {
  if (value instanceof SQL) return value;
  return value === undefined || value === null ? sql`null::jsonb` : sql`${JSON.stringify(value)}::jsonb`;
}

/**
 * The transactional outbox (decision 064): the applicant's notice of an entry is written by the
 * entry's own statement, so it commits and rolls back with it; the worker resolves where it goes.
 * Only a statement with such an entry carries it.
 */
const queuedSql = sql`, queued as (
      insert into notices (journal_entry_id, action, subject_inn, office_code)
      select id, action, subject_inn, office_code from entries where action = any(${`{${NOTICE_ACTIONS.join(",")}}`}::text[])
    )`;

/**
 * CTEs that write entries after the locked head named `head` (the columns of lockHeadSql) and move
 * it, for a statement that defines `head` before them: e1…eN link the entries in the given order,
 * each hashed in the database (journal_entry_hash, the same canonical JSON and SHA-256 as
 * entryHash, which journal:verify recomputes); `entries` inserts them (returning id, seq, hash), `queued` puts the
 * applicant's notices of them in the outbox and `moved` moves the head. Nothing is written when
 * `head` has no row. Every entry must belong to `chain`.
 */
export function entriesSql(chain: string, inputs: JournalInput[]): SQL {
  const steps = inputs.map((input, i) => {
    if (chainOf(input.officeCode) !== chain) throw new Error(`journal entry for chain ${chainOf(input.officeCode)} in a statement for ${chain}`);
    const prev = sql.raw(`e${i}`);
    return sql`, ${sql.raw(`e${i + 1}`)} as (
      select p.seq + 1 as seq, p.at, v.*, p.hash as prev_hash,
             journal_entry_hash(${chain}::text, p.seq + 1, p.at, v.actor_id, v.actor_role, v.office_code, v.action, v.subject_inn,
                                v.entity_type, v.entity_id, v.before, v.after, p.hash) as hash
      from ${prev} p, (select ${actorId(input.actor)}::uuid as actor_id, ${actorRole(input.actor)}::text as actor_role,
                              ${input.officeCode}::text as office_code, ${input.action}::text as action, ${input.subjectInn ?? null}::varchar as subject_inn,
                              ${input.entityType ?? null}::text as entity_type, ${input.entityId ?? null}::text as entity_id,
                              ${payloadSql(input.before)} as before, ${payloadSql(input.after)} as after,
                              ${input.idempotencyKey ?? null}::text as idempotency_key) v)`;
  });
  const selects = inputs.map(
    (_, i) => sql`select ${chain}::text, seq, at, actor_id, actor_role, office_code, action, subject_inn, entity_type, entity_id, before, after, prev_hash, hash, idempotency_key
                  from ${sql.raw(`e${i + 1}`)}`,
  );
  const last = sql.raw(`e${inputs.length}`);
  return sql`e0 as (select head_seq::bigint as seq, head_hash as hash, head_at::timestamptz as at from head)${sql.join(steps, sql``)},
    entries as (
      insert into journal_entries (chain, seq, at, actor_id, actor_role, office_code, action, subject_inn, entity_type, entity_id, before, after, prev_hash, hash, idempotency_key)
      ${sql.join(selects, sql` union all `)}
      returning id, seq, hash, action, subject_inn, office_code
    )${inputs.some((input) => isNoticeAction(input.action)) ? queuedSql : sql``}, moved as (
      update journal_chains set seq = ${last}.seq, head_hash = ${last}.hash from ${last} where journal_chains.chain = ${chain}
    )`;
}

export interface WrittenEntry {
  id: number;
  seq: number;
  hash: string;
}

const writtenFrom = (rows: { id: string | number; seq: string | number; hash: string }[]): WrittenEntry[] =>
  rows.map((r) => ({ id: Number(r.id), seq: Number(r.seq), hash: r.hash }));

/**
 * Appends entries to one chain in one statement: the head is locked, the entries are linked and
 * hashed, the head is moved.
 */
async function appendEntries(tx: DbOrTx, inputs: JournalInput[]): Promise<WrittenEntry[]> {
  const chain = chainOf(inputs[0].officeCode);
  const statement = sql`with head as (${lockHeadSql(sql`${chain}`)}), ${entriesSql(chain, inputs)}
                        select id, seq, hash from entries order by seq`;
  const rows = await queryRows<{ id: string | number; seq: string | number; hash: string }>(tx, statement);
  if (rows.length === 0) throw missingHead(chain);
  return writtenFrom(rows);
}

/**
 * Appends one entry inside the caller's transaction. The chain head row is locked, so appends to one
 * chain are serialised and the links never fork; one round trip. A keyed entry first locks the
 * head and looks its key up in a statement of its own: that snapshot must be taken after a
 * concurrent append with the same key has committed.
 */
export async function appendJournal(tx: DbOrTx, input: JournalInput): Promise<WrittenEntry | null> {
  if (input.idempotencyKey) {
    await lockChainHead(tx, input.officeCode);
    const [seen] = await queryRows<{ id: unknown }>(tx, sql`select id from journal_entries where idempotency_key = ${input.idempotencyKey} limit 1`);
    if (seen) return null;
  }
  const [entry] = await appendEntries(tx, [input]);
  return entry;
}

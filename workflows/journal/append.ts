import { sql, type SQL } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../../db/client";
import { statementPerShape } from "../../db/statement-shapes";
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
  after?: unknown;
  /** The id and number of the decision the same statement makes are added to `after` (entriesSql). */
  withDecision?: true;
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

/** A payload as the driver sends it to a `::jsonb` parameter: JSON text, or null. */
function payloadValue(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
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
 * What decides the text of a statement's entries (db/statement-shapes.ts): how many, whether one
 * puts a notice in the outbox, and which take the statement's decision into `after`.
 */
export interface EntriesShape {
  count: number;
  notice: boolean;
  withDecision: number[];
}

export function entriesShape(inputs: JournalInput[]): EntriesShape {
  return {
    count: inputs.length,
    notice: inputs.some((input) => isNoticeAction(input.action)),
    withDecision: inputs.flatMap((input, i) => (input.withDecision ? [i] : [])),
  };
}

/** The placeholder of an entry's column. */
const entryValue = (i: number, column: string) => sql.placeholder(`e${i + 1}_${column}`);

/**
 * CTEs that write entries after the locked head named `head` (the columns of lockHeadSql) and move
 * it, for a statement that defines `head` before them: e1…eN link the entries in the given order,
 * each hashed in the database (journal_entry_hash, the same canonical JSON and SHA-256 as
 * entryHash, which journal:verify recomputes); `entries` inserts them (returning id, seq, hash), `queued` puts the
 * applicant's notices of them in the outbox and `moved` moves the head. Nothing is written when
 * `head` has no row. The values are entriesValues'; every entry belongs to the chain `chain`.
 * An entry `withDecision` has the id and number of the statement's `decision` added to `after`.
 */
export function entriesSql(shape: EntriesShape): SQL {
  const chain = sql`${sql.placeholder("chain")}::text`;
  const steps = Array.from({ length: shape.count }, (_, i) => {
    const prev = sql.raw(`e${i}`);
    const v = (column: string) => entryValue(i, column);
    const after = shape.withDecision.includes(i)
      ? sql`${v("after")}::jsonb || jsonb_build_object('decisionId', (select id from decision), 'decisionNumber', (select number from decision))`
      : sql`${v("after")}::jsonb`;
    return sql`, ${sql.raw(`e${i + 1}`)} as (
      select p.seq + 1 as seq, p.at, v.*, p.hash as prev_hash,
             journal_entry_hash(${chain}, p.seq + 1, p.at, v.actor_id, v.actor_role, v.office_code, v.action, v.subject_inn,
                                v.entity_type, v.entity_id, v.before, v.after, p.hash) as hash
      from ${prev} p, (select ${v("actor_id")}::uuid as actor_id, ${v("actor_role")}::text as actor_role,
                              ${v("office_code")}::text as office_code, ${v("action")}::text as action, ${v("subject_inn")}::varchar as subject_inn,
                              ${v("entity_type")}::text as entity_type, ${v("entity_id")}::text as entity_id,
                              ${v("before")}::jsonb as before, ${after} as after,
                              ${v("idempotency_key")}::text as idempotency_key) v)`;
  });
  const selects = steps.map(
    (_, i) => sql`select ${chain}, seq, at, actor_id, actor_role, office_code, action, subject_inn, entity_type, entity_id, before, after, prev_hash, hash, idempotency_key
                  from ${sql.raw(`e${i + 1}`)}`,
  );
  const last = sql.raw(`e${shape.count}`);
  return sql`e0 as (select head_seq::bigint as seq, head_hash as hash, head_at::timestamptz as at from head)${sql.join(steps, sql``)},
    entries as (
      insert into journal_entries (chain, seq, at, actor_id, actor_role, office_code, action, subject_inn, entity_type, entity_id, before, after, prev_hash, hash, idempotency_key)
      ${sql.join(selects, sql` union all `)}
      returning id, seq, hash, action, subject_inn, office_code
    )${shape.notice ? queuedSql : sql``}, moved as (
      update journal_chains set seq = ${last}.seq, head_hash = ${last}.hash from ${last} where journal_chains.chain = ${chain}
    )`;
}

/** The values of entriesSql's placeholders. */
export function entriesValues(chain: string, inputs: JournalInput[]): Record<string, unknown> {
  const values: Record<string, unknown> = { chain };
  inputs.forEach((input, i) => {
    if (chainOf(input.officeCode) !== chain) throw new Error(`journal entry for chain ${chainOf(input.officeCode)} in a statement for ${chain}`);
    const e = `e${i + 1}_`;
    values[e + "actor_id"] = actorId(input.actor);
    values[e + "actor_role"] = actorRole(input.actor);
    values[e + "office_code"] = input.officeCode;
    values[e + "action"] = input.action;
    values[e + "subject_inn"] = input.subjectInn ?? null;
    values[e + "entity_type"] = input.entityType ?? null;
    values[e + "entity_id"] = input.entityId ?? null;
    values[e + "before"] = payloadValue(input.before);
    values[e + "after"] = payloadValue(input.after);
    values[e + "idempotency_key"] = input.idempotencyKey ?? null;
  });
  return values;
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
const appendStatement = statementPerShape(
  (shape: EntriesShape) => sql`with head as (${lockHeadSql(sql`${sql.placeholder("chain")}`)}), ${entriesSql(shape)}
                               select id, seq, hash from entries order by seq`,
);

async function appendEntries(tx: DbOrTx, inputs: JournalInput[]): Promise<WrittenEntry[]> {
  const chain = chainOf(inputs[0].officeCode);
  // Only the decision's own statement makes a decision its entries can name.
  if (inputs.some((input) => input.withDecision)) throw new Error("journal: an entry withDecision outside a decision's statement");
  const statement = appendStatement(entriesShape(inputs), entriesValues(chain, inputs));
  const rows = await queryRows<{
    id: string | number;
    seq: string | number;
    hash: string;
  }>(tx, statement);
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

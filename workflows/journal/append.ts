import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { journalChains, journalEntries } from "../../db/schema";
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

/**
 * Appends one entry inside the caller's transaction. The chain head row is locked, so appends to one
 * chain are serialised and the links never fork; the time is the database's (to the millisecond, so
 * that the hash survives the round trip).
 */
export async function appendJournal(tx: DbOrTx, input: JournalInput) {
  const chain = chainOf(input.officeCode);
  const lockHead = () =>
    tx
      .select({ seq: journalChains.seq, headHash: journalChains.headHash, at: sql<string>`date_trunc('milliseconds', statement_timestamp())` })
      .from(journalChains)
      .where(eq(journalChains.chain, chain))
      .for("update");
  // The head exists after a chain's first entry: create it only when missing (one round trip less
  // per entry, while other writers wait on this row).
  let [head] = await lockHead();
  if (!head) {
    await tx.insert(journalChains).values({ chain, seq: 0, headHash: GENESIS_HASH }).onConflictDoNothing();
    [head] = await lockHead();
  }
  if (input.idempotencyKey) {
    const [seen] = await tx
      .select({ id: journalEntries.id })
      .from(journalEntries)
      .where(and(eq(journalEntries.idempotencyKey, input.idempotencyKey)))
      .limit(1);
    if (seen) return null;
  }
  const fields = {
    chain,
    seq: Number(head.seq) + 1,
    at: new Date(head.at),
    actorId: actorId(input.actor),
    actorRole: actorRole(input.actor),
    officeCode: input.officeCode,
    action: input.action,
    subjectInn: input.subjectInn ?? null,
    entityType: input.entityType ?? null,
    entityId: input.entityId ?? null,
    before: input.before ?? null,
    after: input.after ?? null,
    prevHash: head.headHash,
  };
  const hash = entryHash(fields);
  const [row] = await tx
    .insert(journalEntries)
    .values({ ...fields, hash, idempotencyKey: input.idempotencyKey ?? null })
    .returning({ id: journalEntries.id, seq: journalEntries.seq });
  await tx.update(journalChains).set({ seq: fields.seq, headHash: hash }).where(eq(journalChains.chain, chain));
  return { id: row.id, seq: row.seq, hash };
}

import { bigint, bigserial, index, jsonb, pgTable, text, timestamp, unique, uuid, varchar } from "drizzle-orm/pg-core";

/**
 * The journal (UA seed): append-only, one hash chain per office plus "global" for administration.
 * Each entry's hash covers its fields and its predecessor's hash, so an edit breaks the chain.
 * On a PostgreSQL server the application role gets INSERT/SELECT only (see docs/decisions).
 */
export const journalEntries = pgTable(
  "journal_entries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    chain: text("chain").notNull(),
    seq: bigint("seq", { mode: "number" }).notNull(),
    at: timestamp("at", { withTimezone: true }).notNull(),
    actorId: uuid("actor_id"),
    actorRole: text("actor_role").notNull(),
    officeCode: text("office_code"),
    action: text("action").notNull(),
    subjectInn: varchar("subject_inn", { length: 14 }),
    entityType: text("entity_type"),
    entityId: text("entity_id"),
    before: jsonb("before"),
    after: jsonb("after"),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
    /** OpenCRVS-style idempotency key: the same action on the same entity is written once. */
    idempotencyKey: text("idempotency_key").unique(),
  },
  (t) => [
    unique("journal_chain_seq").on(t.chain, t.seq),
    index("journal_subject_idx").on(t.subjectInn, t.at),
    index("journal_office_idx").on(t.officeCode, t.at),
    index("journal_at_idx").on(t.at),
    // A person's audit page (decision 068): what they did, newest first.
    index("journal_actor_idx").on(t.actorId, t.at),
  ],
);

/** The head of each chain: locked per append so that sequence numbers and links never fork. */
export const journalChains = pgTable("journal_chains", {
  chain: text("chain").primaryKey(),
  seq: bigint("seq", { mode: "number" }).notNull(),
  headHash: text("head_hash").notNull(),
});

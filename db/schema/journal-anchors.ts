import { bigint, bigserial, customType, index, pgTable, text, timestamp } from "drizzle-orm/pg-core";

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => Buffer.from(value),
});

/**
 * RFC 3161 time-stamp tokens over journal chain heads (decision 062): the TSA's signed statement
 * that the chain had reached `head_seq` with `head_hash` at `tsa_time`. The token is kept as the
 * TSA sent it (DER of the ContentInfo); journal:verify checks it against the TSA certificate from
 * the configuration, never against anything in this table.
 */
export const journalAnchors = pgTable(
  "journal_anchors",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /** The chain: an office's code, or "global". */
    chain: text("chain").notNull(),
    headSeq: bigint("head_seq", { mode: "number" }).notNull(),
    headHash: text("head_hash").notNull(),
    tsaTime: timestamp("tsa_time", { withTimezone: true }).notNull(),
    /** The token's serial number, as the TSA numbers them (hex). */
    tokenSerial: text("token_serial").notNull(),
    token: bytea("token").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("journal_anchors_chain_seq_idx").on(t.chain, t.headSeq)],
);

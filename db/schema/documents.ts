import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, unique, uuid, varchar } from "drizzle-orm/pg-core";
import { offices } from "./offices";
import { staffUsers } from "./staff";

export const documentKind = pgEnum("document_kind", [
  "application",
  "decision_grant",
  "decision_refusal",
  "annulment_notice",
  "refusal_notice",
  "journal_extract",
  // Decision 063: the acts of the four-eyes corrections.
  "revocation_act",
  "lifting_act",
]);

/**
 * Every printed document. `payload` is exactly what was printed, so a reprint is the same document;
 * `contentHash` is what the QR code's verification page checks.
 */
export const printedDocuments = pgTable(
  "printed_documents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    officeCode: text("office_code").references(() => offices.code),
    kind: documentKind("kind").notNull(),
    /** The number of the act printed (workflows/numbering): a decision's, an incoming number, an annulment's, an extract's own. */
    number: text("number").notNull(),
    subjectInn: varchar("subject_inn", { length: 14 }).notNull(),
    /** The application, decision or annulment this document prints. */
    sourceId: uuid("source_id").notNull(),
    payload: jsonb("payload").notNull(),
    contentHash: text("content_hash").notNull(),
    issuedAt: timestamp("issued_at", { withTimezone: true }).notNull().defaultNow(),
    issuedBy: uuid("issued_by").references(() => staffUsers.id),
    reprints: integer("reprints").notNull().default(0),
    lastReprintedAt: timestamp("last_reprinted_at", { withTimezone: true }),
  },
  (t) => [
    // One paper per act: the number carries office, series and year (or is the application's code).
    unique("documents_number_text_unique").on(t.number),
    index("documents_source_idx").on(t.sourceId),
    index("documents_inn_idx").on(t.subjectInn),
  ],
);

/** Gapless counters of workflows/numbering, per office, series and year. */
export const numberSequences = pgTable(
  "number_sequences",
  {
    officeCode: text("office_code").notNull(),
    series: text("series").notNull(),
    year: integer("year").notNull(),
    last: integer("last").notNull().default(0),
  },
  (t) => [unique("number_sequences_pk").on(t.officeCode, t.series, t.year)],
);

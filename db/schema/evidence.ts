import { date, index, pgEnum, pgTable, text, timestamp, uuid, varchar } from "drizzle-orm/pg-core";
import { staffUsers } from "./staff";

export const evidenceKind = pgEnum("evidence_kind", ["fictitious_entrepreneurship", "fictitious_supplies"]);

/** Documented participation in fictitious entrepreneurship or supplies (R9 ground b, R21). */
export const fictitiousEvidence = pgTable(
  "fictitious_evidence",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    inn: varchar("inn", { length: 14 }).notNull(),
    kind: evidenceKind("kind").notNull(),
    documentNumber: text("document_number").notNull(),
    documentDate: date("document_date").notNull(),
    issuer: text("issuer").notNull(),
    recordedBy: uuid("recorded_by").references(() => staffUsers.id),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("evidence_inn_idx").on(t.inn)],
);

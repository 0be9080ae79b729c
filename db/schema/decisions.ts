import { index, jsonb, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { applications } from "./applications";
import { offices } from "./offices";
import { staffUsers } from "./staff";

export const decisionOutcome = pgEnum("decision_outcome", ["granted", "refused"]);

/** Decisions on applications (R8–R15). One application, at most one decision: the unique key. */
export const decisions = pgTable(
  "decisions",
  {
  id: uuid("id").primaryKey().defaultRandom(),
  applicationId: uuid("application_id")
    .notNull()
    .unique()
    .references(() => applications.id),
  officeCode: text("office_code")
    .notNull()
    .references(() => offices.code),
  /** Made with the decision (workflows/numbering); the printed decision carries the same. */
  number: text("number").notNull().unique(),
  outcome: decisionOutcome("outcome").notNull(),
  /** Refusal grounds of R9: [{ ground: "no_registration" } | { ground: "fictitious_activity", evidenceId }]. */
  grounds: jsonb("grounds").notNull().default([]),
  login: text("login"),
  decidedBy: uuid("decided_by")
    .notNull()
    .references(() => staffUsers.id),
  decidedAt: timestamp("decided_at", { withTimezone: true }).notNull(),
  },
  // Statistics of an office over a period.
  (t) => [index("decisions_office_decided_idx").on(t.officeCode, t.decidedAt)],
);

import { sql } from "drizzle-orm";
import { index, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { accessAccounts } from "./accounts";
import { applications } from "./applications";
import { fictitiousEvidence } from "./evidence";
import { offices } from "./offices";
import { staffUsers } from "./staff";

export const annulmentKind = pgEnum("annulment_kind", ["on_request", "fictitious_activity", "online_refusal"]);
export const annulmentStatus = pgEnum("annulment_status", ["proposed", "approved", "rejected", "entered", "scheduled"]);

/** Annulments of access: on request (R18–R20), for fictitious activity (R21), online refusal (UA seed). */
export const annulments = pgTable(
  "annulments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accessAccounts.id),
    officeCode: text("office_code")
      .notNull()
      .references(() => offices.code),
    kind: annulmentKind("kind").notNull(),
    status: annulmentStatus("status").notNull(),
    applicationId: uuid("application_id").references(() => applications.id),
    evidenceId: uuid("evidence_id").references(() => fictitiousEvidence.id),
    proposedBy: uuid("proposed_by").references(() => staffUsers.id),
    proposedAt: timestamp("proposed_at", { withTimezone: true }).notNull(),
    decidedBy: uuid("decided_by").references(() => staffUsers.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    reason: text("reason"),
    effectiveAt: timestamp("effective_at", { withTimezone: true }),
    /** The act's number (workflows/numbering), made when the annulment takes effect or is scheduled. */
    number: text("number").unique(),
  },
  (t) => [
    // At most one proposal awaiting a supervisor per account.
    uniqueIndex("annulments_one_open_idx").on(t.accountId).where(sql`${t.status} = 'proposed'`),
    index("annulments_office_status_idx").on(t.officeCode, t.status),
  ],
);

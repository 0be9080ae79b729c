import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid, varchar } from "drizzle-orm/pg-core";
import { offices } from "./offices";
import { staffUsers } from "./staff";
import { subjectType } from "./taxpayers";

export const requestKind = pgEnum("request_kind", ["grant", "restore", "annul"]);

/**
 * Applications (R3–R8, R17–R20). `snapshot` is the XState persisted snapshot and the source of
 * truth for the lifecycle; the other status/time columns are denormalised from it so that queues,
 * deadlines and searches are plain indexed queries. `version` guards concurrent writers.
 */
export const applications = pgTable(
  "applications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    code: varchar("code", { length: 16 }).notNull().unique(),
    inn: varchar("inn", { length: 14 }).notNull(),
    requestKind: requestKind("request_kind").notNull(),
    subjectType: subjectType("subject_type").notNull(),
    applicantName: text("applicant_name").notNull(),
    /** Everything else typed into the form (head, representative, legal representative, contacts). */
    form: jsonb("form").notNull(),
    /** Argon2id hash of the password the applicant chose (R16); wiped when it can no longer be used. */
    passwordHash: text("password_hash"),
    status: text("status").notNull(),
    snapshot: jsonb("snapshot").notNull(),
    version: integer("version").notNull().default(1),
    /** Office of registration, fixed when the application is presented at the front desk. */
    officeCode: text("office_code").references(() => offices.code),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    presentedAt: timestamp("presented_at", { withTimezone: true }),
    presentedBy: uuid("presented_by").references(() => staffUsers.id),
    decisionWarnAt: timestamp("decision_warn_at", { withTimezone: true }),
    decisionDueAt: timestamp("decision_due_at", { withTimezone: true }),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    acceptedBy: uuid("accepted_by").references(() => staffUsers.id),
    incomingNumber: text("incoming_number"),
    /** For annulment applications: entry into the system is due by this instant (R20). */
    entryDueAt: timestamp("entry_due_at", { withTimezone: true }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    closedBy: uuid("closed_by").references(() => staffUsers.id),
    /** Set once by the sweeper so that "overdue" is journaled exactly once. */
    overdueRecordedAt: timestamp("overdue_recorded_at", { withTimezone: true }),
  },
  (t) => [
    index("applications_inn_idx").on(t.inn),
    index("applications_office_status_idx").on(t.officeCode, t.status, t.presentedAt),
    index("applications_due_idx").on(t.status, t.decisionDueAt),
    index("applications_entry_due_idx").on(t.status, t.entryDueAt),
    index("applications_expiry_idx").on(t.status, t.expiresAt),
  ],
);

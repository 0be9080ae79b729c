import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid, varchar } from "drizzle-orm/pg-core";
import { offices } from "./offices";
import { staffUsers } from "./staff";
import { subjectType } from "./taxpayers";

export const requestKind = pgEnum("request_kind", ["grant", "restore", "annul"]);

/**
 * Every state of the application machine (workflows/application/machine.ts), the words the
 * `status` column may hold. db/ imports nothing of workflows/, so the list is here and
 * tests/unit/workflows/application-status.test.ts checks it is exactly the machine's states; the
 * CHECK constraint made from it keeps any other word out of the column. A new state goes in this
 * list, and `drizzle-kit generate` then writes the migration that widens the constraint.
 */
export const APPLICATION_STATUSES = ["draft", "presented", "returned", "accepted", "granted", "refused", "entered", "already_annulled", "expired"] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/**
 * The application form as `applications.form` holds it: what the applicant typed (R3, R4, R16)
 * less what has a column of its own (INN, name) and the password (only its hash is kept). The form
 * schema lives in workflows/application/form.ts, but db/ imports nothing of the project, so the
 * stored shape is declared here, next to its column, and form.ts checks at compile time that its
 * schema's output, less those fields, is exactly this type: the two cannot drift apart.
 */
export interface StoredApplicationForm {
  requestKind: (typeof requestKind.enumValues)[number];
  subjectType: (typeof subjectType.enumValues)[number];
  /** A legal entity's head. */
  headName?: string;
  /** A representative acting on a power of attorney; `poaDate` is a calendar day, `yyyy-MM-dd`. */
  representative?: {
    name: string;
    idDocument: string;
    poaNumber: string;
    poaDate: string;
    poaCertifiedBy: "notary" | "employer" | "hospital" | "detention_facility";
    poaCertifierName: string;
  };
  /** A minor's birth certificate and legal representative. */
  minor?: { birthCertificate: string; legalRepName: string; legalRepPassport: string };
  phone: string;
  email?: string;
  /**
   * How the applicant asked to be told of the application's progress (issue #18): by e-mail, by
   * SMS to `phone`, or not at all. Forms saved before the choice existed have none: read as "none".
   */
  notify?: "email" | "sms" | "none";
  /**
   * The language of the page the form was sent from, which the notices are written in. Set by the
   * server from the request, never typed; absent on forms saved before it was kept.
   */
  language?: "ky" | "ru" | "en";
}

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
    form: jsonb("form").$type<StoredApplicationForm>().notNull(),
    /** Argon2id hash of the password the applicant chose (R16); wiped when it can no longer be used. */
    passwordHash: text("password_hash"),
    status: text("status").$type<ApplicationStatus>().notNull(),
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
    check("applications_status_check", sql`${t.status} in (${sql.raw(APPLICATION_STATUSES.map((s) => `'${s}'`).join(", "))})`),
    index("applications_inn_idx").on(t.inn),
    index("applications_office_status_idx").on(t.officeCode, t.status, t.presentedAt),
    index("applications_due_idx").on(t.status, t.decisionDueAt),
    index("applications_entry_due_idx").on(t.status, t.entryDueAt),
    index("applications_expiry_idx").on(t.status, t.expiresAt),
    // The statistics' facts of a decided application, read by id without visiting its wide row
    // (an index-only scan; regional-stats benchmark, decision 067).
    index("applications_decision_facts_idx").on(t.id, t.presentedAt, t.overdueRecordedAt),
  ],
);

import { sql } from "drizzle-orm";
import { check, date, index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { offices } from "./offices";
import { staffUsers } from "./staff";

/** The kinds of four-eyes correction (decision 063): the states of workflows/corrections' machine decide what may happen. */
export const CORRECTION_KINDS = ["revoke_decision", "lift_evidence"] as const;
export type CorrectionKind = (typeof CORRECTION_KINDS)[number];
export const CORRECTION_STATES = ["proposed", "approved", "rejected"] as const;
export type CorrectionStatus = (typeof CORRECTION_STATES)[number];
/**
 * What an approved revocation of a grant did to the access: annulled it, found it already annulled,
 * or left it to the later grant it now rests on.
 */
export type RevocationAccountEffect = "annulled" | "already_annulled" | "later_grant";

/**
 * Corrections of a record made after the fact, with four eyes (decision 063): revoking a mistaken
 * decision (target: the decision) and lifting evidence of fictitious activity (target: the
 * evidence, with the document that lifts it). A supervisor proposes, another supervisor of the
 * office approves or rejects; the approval makes the act's number. The target row is never changed:
 * whether a decision stands or evidence blocks a grant is read from here.
 */
export const corrections = pgTable(
  "corrections",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: text("kind").$type<CorrectionKind>().notNull(),
    officeCode: text("office_code")
      .notNull()
      .references(() => offices.code),
    /** The decision (revoke_decision) or the evidence (lift_evidence) corrected. */
    targetId: uuid("target_id").notNull(),
    subjectInn: text("subject_inn").notNull(),
    reason: text("reason").notNull(),
    /** The document that lifts the evidence (a court's acquittal…); lift_evidence only. */
    documentNumber: text("document_number"),
    documentDate: date("document_date"),
    documentIssuer: text("document_issuer"),
    status: text("status").$type<CorrectionStatus>().notNull().default("proposed"),
    proposedBy: uuid("proposed_by")
      .notNull()
      .references(() => staffUsers.id),
    proposedAt: timestamp("proposed_at", { withTimezone: true }).notNull(),
    decidedBy: uuid("decided_by").references(() => staffUsers.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    /** Why the other supervisor rejected the proposal. */
    rejectionReason: text("rejection_reason"),
    /** The act's number (workflows/numbering), made with the approval. */
    number: text("number").unique(),
    /** A revoked grant's effect on the access, fixed with the approval. */
    accountEffect: text("account_effect").$type<RevocationAccountEffect>(),
  },
  (t) => [
    check("corrections_kind", sql`${t.kind} in ('revoke_decision', 'lift_evidence')`),
    check("corrections_status", sql`${t.status} in ('proposed', 'approved', 'rejected')`),
    check("corrections_lifting_document", sql`(${t.kind} = 'lift_evidence') = (${t.documentNumber} is not null and ${t.documentDate} is not null and ${t.documentIssuer} is not null)`),
    check("corrections_decided", sql`(${t.status} = 'proposed') = (${t.decidedAt} is null)`),
    check("corrections_number_on_approval", sql`(${t.status} = 'approved') = (${t.number} is not null)`),
    // One open proposal and at most one approved correction per target.
    uniqueIndex("corrections_one_open_idx").on(t.kind, t.targetId).where(sql`${t.status} = 'proposed'`),
    uniqueIndex("corrections_one_approved_idx").on(t.kind, t.targetId).where(sql`${t.status} = 'approved'`),
    index("corrections_office_status_idx").on(t.officeCode, t.status),
  ],
);

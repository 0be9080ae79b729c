import { sql } from "drizzle-orm";
import { check, index, jsonb, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { applications } from "./applications";
import { offices } from "./offices";
import { staffUsers } from "./staff";

export const decisionOutcome = pgEnum("decision_outcome", ["granted", "refused"]);

/**
 * What a grant did to the subject's access (decision 046): created it (first grant, whatever the
 * application asked for), replaced the password of an active one (restoration, R17), or gave an
 * annulled one back with the same login (reinstatement).
 */
export const grantEffect = pgEnum("grant_effect", ["first_grant", "restoration", "reinstatement"]);
/** The hand-over states (R11) as the database keeps them: the states of workflows/handover's machine (a unit test compares them). */
export const HAND_OVER_STATES = ["awaiting", "not_collected", "not_recorded", "handed_over"] as const;
export type HandOverStatus = (typeof HAND_OVER_STATES)[number];

export type GrantEffect = (typeof grantEffect.enumValues)[number];

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
  /** A grant's effect on the access, made by the grant's own statement; none on a refusal. */
  effect: grantEffect("effect"),
  decidedBy: uuid("decided_by")
    .notNull()
    .references(() => staffUsers.id),
  decidedAt: timestamp("decided_at", { withTimezone: true }).notNull(),
  /** R11: the subject's copy handed over against signature (workflows/handover); decisions before it: not_recorded. */
  handOver: text("hand_over").$type<HandOverStatus>().notNull().default("awaiting"),
  handOverAt: timestamp("hand_over_at", { withTimezone: true }),
  handOverBy: uuid("hand_over_by").references(() => staffUsers.id),
  },
  (t) => [
    // Statistics of an office over a period.
    index("decisions_office_decided_idx").on(t.officeCode, t.decidedAt),
    check("decisions_hand_over_state", sql`${t.handOver} in ('awaiting', 'not_collected', 'not_recorded', 'handed_over')`),
    // The office's decisions still waiting to be handed over (the board).
    index("decisions_hand_over_idx").on(t.officeCode, t.decidedAt).where(sql`${t.handOver} in ('awaiting', 'not_collected')`),
    check("decisions_effect_of_grant", sql`(${t.outcome} = 'granted') = (${t.effect} is not null)`),
  ],
);

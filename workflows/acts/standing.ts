import { and, asc, eq, gt, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { approvedRevocationOf } from "../corrections/revoked";
import { accessAccounts, annulments, applications, corrections, decisions } from "../../db/schema";

type AnnulmentKind = (typeof annulments.kind.enumValues)[number];

/** The later act that ended an act's effect: an annulment of the access, or a grant that gave it back. */
export type EndingAct =
  | { kind: "annulment"; basis: AnnulmentKind; number: string | null }
  | { kind: "grant"; number: string }
  /** The decision itself was revoked as mistaken (decision 063). */
  | { kind: "revocation"; number: string };

/**
 * Whether an act still has effect at a given instant (decision 061). A genuine paper may state a fact
 * that a later act undid: the grant of an access annulled since, the annulment of an access given back
 * since. The verification page, /status and the API all say it from here, so they cannot disagree.
 * `endsAt`: an act still in force whose end is already fixed (an online refusal takes effect the next
 * office day).
 */
export type Standing = { inForce: true; endsAt: string | null } | { inForce: false; since: string; by: EndingAct };

const IN_FORCE: Standing = { inForce: true, endsAt: null };
/** A decision not revoked with four eyes (decision 063). */
const notRevoked = sql`not exists (select 1 from corrections r where r.kind = 'revoke_decision' and r.target_id = ${decisions.id} and r.status = 'approved')`;
/** Annulments that end the access at their effective instant; proposals and rejections do not. */
const ENDING = ["entered", "approved", "scheduled"] as const;

/** A grant made at `decidedAt` for `inn`: ended by the first annulment of the access that took effect after it. */
export async function grantStanding(db: DbOrTx, inn: string, decidedAt: Date, now: Date): Promise<Standing> {
  const [ended] = await db
    .select({ kind: annulments.kind, number: annulments.number, effectiveAt: annulments.effectiveAt })
    .from(annulments)
    .innerJoin(accessAccounts, eq(accessAccounts.id, annulments.accountId))
    .where(and(eq(accessAccounts.inn, inn), inArray(annulments.status, [...ENDING]), gt(annulments.effectiveAt, decidedAt)))
    .orderBy(asc(annulments.effectiveAt))
    .limit(1);
  // A later grant revoked with its access annulled (decision 063) ends this grant's access too.
  const [revoked] = await db
    .select({ number: corrections.number, decidedAt: corrections.decidedAt })
    .from(corrections)
    .where(and(eq(corrections.subjectInn, inn), eq(corrections.kind, "revoke_decision"), eq(corrections.accountEffect, "annulled"), gt(corrections.decidedAt, decidedAt)))
    .orderBy(asc(corrections.decidedAt))
    .limit(1);
  if (revoked?.decidedAt && revoked.number && (!ended?.effectiveAt || new Date(revoked.decidedAt) < new Date(ended.effectiveAt))) {
    const at = new Date(revoked.decidedAt);
    if (at.getTime() <= now.getTime()) return { inForce: false, since: at.toISOString(), by: { kind: "revocation", number: revoked.number } };
  }
  if (!ended?.effectiveAt) return IN_FORCE;
  const at = new Date(ended.effectiveAt);
  if (at.getTime() > now.getTime()) return { inForce: true, endsAt: at.toISOString() };
  return { inForce: false, since: at.toISOString(), by: { kind: "annulment", basis: ended.kind, number: ended.number } };
}

/** An annulment of `inn`'s access effective at `effectiveAt`: ended by the first grant after it (reinstatement). */
export async function annulmentStanding(db: DbOrTx, inn: string, effectiveAt: Date, now: Date): Promise<Standing> {
  const [grant] = await db
    .select({ number: decisions.number, decidedAt: decisions.decidedAt })
    .from(decisions)
    .innerJoin(applications, eq(applications.id, decisions.applicationId))
    // A grant revoked as mistaken (decision 063) gave nothing back.
    .where(and(eq(applications.inn, inn), eq(decisions.outcome, "granted"), gt(decisions.decidedAt, effectiveAt), notRevoked))
    .orderBy(asc(decisions.decidedAt))
    .limit(1);
  if (!grant || new Date(grant.decidedAt).getTime() > now.getTime()) return IN_FORCE;
  return { inForce: false, since: new Date(grant.decidedAt).toISOString(), by: { kind: "grant", number: grant.number } };
}

/** A decision revoked with four eyes (decision 063) stands no more from the approval, whatever else happened to the access. */
async function revokedStanding(db: DbOrTx, decision: { id?: string; number?: string }): Promise<Standing | null> {
  const [r] = await db
    .select({ number: corrections.number, decidedAt: corrections.decidedAt })
    .from(corrections)
    .innerJoin(decisions, eq(decisions.id, corrections.targetId))
    .where(and(approvedRevocationOf(decisions.id), decision.id ? eq(decisions.id, decision.id) : eq(decisions.number, decision.number ?? "")))
    .limit(1);
  return r?.number && r.decidedAt ? { inForce: false, since: new Date(r.decidedAt).toISOString(), by: { kind: "revocation", number: r.number } } : null;
}

/** The standing of a decision by its id (the desk, /status, the API): a refusal stands as made unless revoked. */
export async function decisionStanding(
  db: DbOrTx,
  decision: { id?: string; number?: string; outcome: "granted" | "refused"; decidedAt: Date },
  inn: string,
  now: Date,
): Promise<Standing> {
  if (decision.id || decision.number) {
    const revoked = await revokedStanding(db, decision);
    if (revoked) return revoked;
  }
  return decision.outcome === "granted" ? grantStanding(db, inn, new Date(decision.decidedAt), now) : IN_FORCE;
}

/**
 * The standing of a printed act, found by the number it carries: a grant decision, an annulment
 * notice, a decision revoked since (decision 063). Null for papers that state no lasting effect (an application, a refusal still standing, an "already
 * annulled" answer, a journal extract).
 */
export async function paperStanding(
  db: DbOrTx,
  paper: { kind: string; number: string; subjectInn: string; payload: unknown },
  now: Date,
): Promise<Standing | null> {
  if (paper.kind === "decision_grant" || paper.kind === "decision_refusal") {
    const [d] = await db.select({ id: decisions.id, outcome: decisions.outcome, decidedAt: decisions.decidedAt }).from(decisions).where(eq(decisions.number, paper.number));
    if (!d) return null;
    const revoked = await revokedStanding(db, { id: d.id });
    if (revoked) return revoked;
    // A refusal states no lasting effect unless revoked.
    return d.outcome === "granted" ? grantStanding(db, paper.subjectInn, new Date(d.decidedAt), now) : null;
  }
  if (paper.kind === "annulment_notice") {
    if ((paper.payload as { basis?: { kind?: string } } | null)?.basis?.kind === "already_annulled") return null;
    const [a] = await db.select({ effectiveAt: annulments.effectiveAt }).from(annulments).where(eq(annulments.number, paper.number));
    return a?.effectiveAt ? annulmentStanding(db, paper.subjectInn, new Date(a.effectiveAt), now) : null;
  }
  return null;
}

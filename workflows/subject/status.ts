import { and, desc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { printedDocuments, type HandOverStatus } from "../../db/schema";
import type { ApplicationState } from "../application/machine";
import { decisionStanding, type Standing } from "../acts/standing";
import { findApplicationByInnAndCode } from "../application/queries";
import { responsibleOfficeRef, type OfficeRef } from "../lifecycle/office";
import { refusalAppeal, type RefusalAppeal } from "../printing/appeal";
import { applicationJournal, type PublicJournalEntry } from "./journal";

/** Where an application is, in the four words the public page uses. */
export type PublicStage = "saved" | "presented" | "returned" | "accepted" | "decided" | "closed";

export interface PublicStatus {
  applicationId: string;
  inn: string;
  code: string;
  requestKind: "grant" | "restore" | "annul";
  stage: PublicStage;
  /** The machine state, for the exact wording (granted, refused, entered, expired ...). */
  status: string;
  savedAt: Date;
  expiresAt: Date;
  /**
   * The office that deals with the application (R13: the subject's office of registration, else
   * where it was presented), by name and address: the applicant has to find it.
   */
  office: OfficeRef | null;
  /** An accepted annulment application: when its entry falls due (R20). */
  entryDueAt: Date | null;
  /** Reasons of the latest return (R6), when returned. */
  returnReasons: string[];
  decision: { outcome: "granted" | "refused"; decidedAt: Date; number: string; handOver: HandOverStatus; handOverAt: Date | null; standing: Standing } | null;
  /** A refusal: where it can be appealed, as its paper was issued (decision 059); null otherwise. */
  appeal: RefusalAppeal | null;
  journal: PublicJournalEntry[];
}

/** Over every state of the machine, so a new state without a public stage fails the typecheck. */
const stageOf: Record<ApplicationState, PublicStage> = {
  draft: "saved",
  presented: "presented",
  returned: "returned",
  accepted: "accepted",
  granted: "decided",
  refused: "decided",
  entered: "decided",
  already_annulled: "decided",
  expired: "closed",
};

/**
 * The public status by INN + code (R6 code, UA seed journal): the stage, return reasons, the
 * outcome, and the application's journal — no name, no contacts, no login, no staff names.
 * Null when no application has that INN and code; a mistyped code is a validation error.
 */
export async function publicStatus(db: Db, inn: string, code: string, now: Date): Promise<PublicStatus | null> {
  const app = await findApplicationByInnAndCode(db, inn, code);
  if (!app) return null;
  const lastReturn = app.status === "returned" ? app.returns[app.returns.length - 1] : undefined;
  return {
    applicationId: app.id,
    inn: app.inn,
    code: app.code,
    requestKind: app.requestKind,
    stage: stageOf[app.status] ?? "saved",
    status: app.status,
    savedAt: app.createdAt,
    expiresAt: app.expiresAt,
    office: await responsibleOfficeRef(db, app.inn, app.officeCode),
    entryDueAt: app.status === "accepted" ? app.entryDueAt : null,
    returnReasons: lastReturn ? [...lastReturn.reasons] : [],
    decision: app.decision
      ? {
          outcome: app.decision.outcome,
          decidedAt: app.decision.decidedAt,
          number: app.decision.number,
          handOver: app.decision.handOver,
          handOverAt: app.decision.handOverAt,
          standing: await decisionStanding(db, app.decision, app.inn, now),
        }
      : null,
    appeal: app.decision?.outcome === "refused" ? await refusalAppeal(db, app.decision.id) : null,
    journal: await applicationJournal(db, { id: app.id, inn: app.inn }),
  };
}

/** Documents printed for a subject, newest first (subject card). */
export async function subjectDocuments(db: Db, inn: string, limit = 100) {
  return db
    .select({
      id: printedDocuments.id,
      kind: printedDocuments.kind,
      number: printedDocuments.number,
      officeCode: printedDocuments.officeCode,
      issuedAt: printedDocuments.issuedAt,
      reprints: printedDocuments.reprints,
      contentHash: printedDocuments.contentHash,
    })
    .from(printedDocuments)
    .where(and(eq(printedDocuments.subjectInn, inn)))
    .orderBy(desc(printedDocuments.issuedAt))
    .limit(limit);
}

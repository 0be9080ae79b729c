import { assign, setup, type SnapshotFrom } from "xstate";
import type { CorrectionKind } from "../../db/schema/corrections";

/**
 * A correction made after the fact with four eyes (decision 063), as R21's annulment for fictitious
 * activity: revoking a mistaken decision, lifting evidence of fictitious activity. A supervisor of
 * the office the target belongs to proposes with a reason (and, to lift evidence, the document that
 * lifts it); another supervisor of the same office approves or rejects with a reason. Who may act is
 * the guards' alone: the service asks `can()` and says the refusing guard's message.
 */
export interface CorrectionContext {
  kind: CorrectionKind;
  /** The office of the decision, or of the subject whose evidence it is. */
  officeCode: string;
  proposedBy: string | null;
}

export interface LiftingDocument {
  number: string;
  date: string;
  issuer: string;
}

interface Who {
  at: string;
  by: string;
  role: string;
  officeCode: string | null;
}

export type CorrectionEvent =
  | ({ type: "PROPOSE"; reason: string; document: LiftingDocument | null } & Who)
  | ({ type: "APPROVE" } & Who)
  | ({ type: "REJECT"; reason: string } & Who);

export type CorrectionState = "draft" | "proposed" | "approved" | "rejected";

const filled = (s: string | null | undefined) => typeof s === "string" && s.trim().length > 0;

/** A supervisor of the target's office. */
export const supervisorOfOffice = (context: CorrectionContext, event: Who) => event.role === "supervisor" && event.officeCode === context.officeCode;
/** …who did not propose it. */
export const otherSupervisor = (context: CorrectionContext, event: Who) => supervisorOfOffice(context, event) && context.proposedBy !== event.by;
/** A lifting names its document; a revocation has none. */
export const documentFits = (context: CorrectionContext, document: LiftingDocument | null) =>
  context.kind === "lift_evidence" ? document !== null && filled(document.number) && filled(document.date) && filled(document.issuer) : document === null;

export const correctionMachine = setup({
  types: { context: {} as CorrectionContext, events: {} as CorrectionEvent, input: {} as Omit<CorrectionContext, "proposedBy"> },
  guards: {
    proposable: ({ context, event }) => event.type === "PROPOSE" && supervisorOfOffice(context, event) && filled(event.reason) && documentFits(context, event.document),
    otherSupervisorOfOffice: ({ context, event }) => event.type === "APPROVE" && otherSupervisor(context, event),
    otherSupervisorWithReason: ({ context, event }) => event.type === "REJECT" && otherSupervisor(context, event) && filled(event.reason),
  },
}).createMachine({
  id: "correction",
  context: ({ input }) => ({ ...input, proposedBy: null }),
  initial: "draft",
  states: {
    draft: {
      on: {
        PROPOSE: { guard: "proposable", target: "proposed", actions: assign(({ event }) => ({ proposedBy: event.by })) },
      },
    },
    proposed: {
      on: {
        APPROVE: { guard: "otherSupervisorOfOffice", target: "approved" },
        REJECT: { guard: "otherSupervisorWithReason", target: "rejected" },
      },
    },
    approved: { type: "final" },
    rejected: { type: "final" },
  },
});

export type CorrectionSnapshot = SnapshotFrom<typeof correctionMachine>;

/** The machine's snapshot of a stored correction: its row keeps the state and what the guards read. */
export function correctionSnapshot(state: CorrectionState, context: CorrectionContext): CorrectionSnapshot {
  return correctionMachine.resolveState({ value: state, context });
}

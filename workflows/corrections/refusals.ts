import type { Refusal } from "../application/refusals";
import { documentFits, supervisorOfOffice, type CorrectionContext, type CorrectionEvent } from "./machine";

/** Who may not: the message of each way a four-eyes step is refused (the wrong role, another office, the proposer). */
function whoRefusal(context: CorrectionContext, event: CorrectionEvent): Refusal | null {
  if (event.role !== "supervisor") return { code: "forbidden", key: "correction.supervisor_only" };
  if (event.officeCode !== context.officeCode) return { code: "forbidden", key: "office.not_subject_office", details: { subjectOffice: context.officeCode } };
  if (event.type !== "PROPOSE" && context.proposedBy === event.by) return { code: "forbidden", key: "correction.four_eyes" };
  return null;
}

/** Each guard of the correction machine with its message (a unit test compares the lists). */
export const correctionRefusals: Record<string, (context: CorrectionContext, event: CorrectionEvent) => Refusal> = {
  proposable: (context, event) => {
    const who = whoRefusal(context, event);
    if (who) return who;
    if (event.type === "PROPOSE" && supervisorOfOffice(context, event) && !documentFits(context, event.document)) return { code: "validation", key: "correction.document_required" };
    return { code: "validation", key: "correction.reason_required" };
  },
  otherSupervisorOfOffice: (context, event) => whoRefusal(context, event) ?? { code: "conflict", key: "correction.already_decided" },
  otherSupervisorWithReason: (context, event) => whoRefusal(context, event) ?? { code: "validation", key: "correction.reason_required" },
};

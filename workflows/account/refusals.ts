import type { Refusal } from "../application/refusals";
import type { AccountContext, AccountEvent } from "./machine";

/** Each guard of the account machine with its message (see application/refusals.ts). */
export const accountRefusals: Record<string, (context: AccountContext, event: AccountEvent) => Refusal> = {
  noRefusalPending: (context) => ({ code: "conflict", key: "refusal.already_pending", details: { accessEndsAt: context.refusal?.endsAt ?? null } }),
  refusalDue: () => ({ code: "conflict", key: "account.event_not_allowed" }),
  hasEvidence: () => ({ code: "validation", key: "annulment.evidence_not_found" }),
  otherSupervisor: (context, event) => fourEyes(context, event) ?? { code: "conflict", key: "account.event_not_allowed" },
  otherSupervisorWithReason: (context, event) => fourEyes(context, event) ?? { code: "validation", key: "annulment.reason_required" },
};

/** R21 with four eyes: a supervisor decides, never the one who proposed. */
function fourEyes(context: AccountContext, event: AccountEvent): Refusal | null {
  if (event.type !== "APPROVE" && event.type !== "REJECT") return { code: "conflict", key: "account.event_not_allowed" };
  if (event.role !== "supervisor") return { code: "forbidden", key: "annulment.supervisor_only" };
  if (context.proposal?.by === event.by) return { code: "forbidden", key: "annulment.four_eyes" };
  return null;
}

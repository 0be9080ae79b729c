import type { WorkflowErrorCode } from "../errors";
import type { Ground } from "./grounds";
import { groundKey, type ApplicationContext, type ApplicationEvent } from "./machine";

/** What a refused event tells the user: the message of the guard that said no. */
export interface Refusal {
  code: WorkflowErrorCode;
  key: string;
  details?: Record<string, unknown>;
}

/**
 * Each guard of the application machine carries its message (the runner names the guard that
 * refused), so services never re-check a guard to choose what to say. A guard without an entry
 * here fails the unit test that lists the machine's guards.
 */
export const applicationRefusals: Record<string, (context: ApplicationContext, event: ApplicationEvent) => Refusal> = {
  notExpired: () => ({ code: "conflict", key: "application.expired" }),
  hasReasons: () => ({ code: "validation", key: "return.reasons_required" }),
  checklistComplete: (_, event) => ({
    code: "validation",
    key: "checklist.incomplete",
    details: event.type === "ACCEPT" ? { missing: event.required.filter((item) => !event.ticked.includes(item)) } : {},
  }),
  noGround: (context, event) =>
    context.kind === "annul"
      ? { code: "conflict", key: "application.event_not_allowed", details: { event: event.type } }
      : { code: "conflict", key: "grant.grounds_exist", details: event.type === "GRANT" ? { grounds: event.found } : {} },
  groundsFound: (context, event) => {
    if (context.kind === "annul" || event.type !== "REFUSE") return { code: "conflict", key: "application.event_not_allowed", details: { event: event.type } };
    if (event.grounds.length === 0) return { code: "validation", key: "refusal.grounds_required" };
    const found = new Set(event.found.map(groundKey));
    return { code: "validation", key: "refusal.ground_not_found", details: { notFound: event.grounds.filter((g: Ground) => !found.has(groundKey(g))) } };
  },
  isAnnulment: (_, event) => ({ code: "conflict", key: "application.event_not_allowed", details: { event: event.type } }),
  expiryReached: () => ({ code: "conflict", key: "application.event_not_allowed" }),
};

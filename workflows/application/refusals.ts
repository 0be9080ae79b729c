import type { WorkflowErrorCode } from "../errors";
import type { Ground } from "./grounds";
import { groundKey, supersededBy, type ApplicationContext, type ApplicationEvent } from "./machine";

/** What a refused event tells the user: the message of the guard that said no. */
export interface Refusal {
  code: WorkflowErrorCode;
  key: string;
  details?: Record<string, unknown>;
}

/** Why ENTER cannot annul nor close: a suspended access waits for the supervisor (decision 047). */
function enterRefusal(context: ApplicationContext, event: ApplicationEvent): Refusal {
  if (context.kind === "annul" && event.type === "ENTER" && event.access.status === "suspended") return { code: "conflict", key: "annulment.access_suspended" };
  if (context.kind === "annul" && event.type === "ENTER" && event.access.status === "none") return { code: "conflict", key: "annulment.no_account" };
  return { code: "conflict", key: "application.event_not_allowed", details: { event: event.type } };
}

/**
 * Each guard of the application machine carries its message (the runner names the guard that
 * refused), so services never re-check a guard to choose what to say. A guard without an entry
 * here fails the unit test that lists the machine's guards.
 */
export const applicationRefusals: Record<string, (context: ApplicationContext, event: ApplicationEvent) => Refusal> = {
  presentable: (context, event) => {
    if (event.type !== "PRESENT" || Date.parse(event.at) >= Date.parse(context.expiresAt)) return { code: "conflict", key: "application.expired" };
    if (event.atDesk) return { code: "conflict", key: "application.other_at_desk", details: { ...event.atDesk } };
    const since = supersededBy(context, event.lastGrant);
    return { code: "conflict", key: "application.granted_since", details: since ? { ...since } : {} };
  },
  hasReasons: () => ({ code: "validation", key: "return.reasons_required" }),
  acceptable: (context, event) => {
    const missing = event.type === "ACCEPT" ? event.required.filter((item) => !event.ticked.includes(item)) : [];
    if (missing.length > 0 || context.kind !== "annul") return { code: "validation", key: "checklist.incomplete", details: { missing } };
    // R18: the subject never had access; the inspector returns the application (decision 047).
    return { code: "conflict", key: "annulment.no_account" };
  },
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
  annulsActiveAccess: enterRefusal,
  findsAccessAnnulled: enterRefusal,
  expiryReached: () => ({ code: "conflict", key: "application.event_not_allowed" }),
};

import { assign, setup } from "xstate";
import { decisionClock } from "../clock/deadlines";
import type { Ground } from "./grounds";

/**
 * The application lifecycle (R3–R20). Pure: every instant arrives in an event, the guards look only
 * at the context and the event, so the same snapshot and event give the same answer on any server.
 * The runner computes the facts (registry checks, checklist, numbers) and puts them in the event.
 */
export type RequestKind = "grant" | "restore" | "annul";

export interface ApplicationInput {
  kind: RequestKind;
  inn: string;
  code: string;
  /** ISO instants: the machine stores them as strings so the snapshot is plain JSON. */
  savedAt: string;
  expiresAt: string;
}

export interface ReturnRecord {
  at: string;
  by: string;
  reasons: string[];
}

export interface ApplicationContext extends ApplicationInput {
  officeCode: string | null;
  presentedAt: string | null;
  presentedBy: string | null;
  decisionWarnAt: string | null;
  decisionDueAt: string | null;
  acceptedAt: string | null;
  acceptedBy: string | null;
  incomingNumber: string | null;
  checklist: string[];
  entryDueAt: string | null;
  returns: ReturnRecord[];
  grounds: Ground[];
  closedAt: string | null;
  closedBy: string | null;
}

export type ApplicationEvent =
  | { type: "PRESENT"; at: string; by: string; officeCode: string }
  | { type: "RETURN"; at: string; by: string; reasons: string[]; expiresAt: string }
  | { type: "ACCEPT"; at: string; by: string; incomingNumber: string; ticked: string[]; required: string[]; entryDueAt: string | null }
  | { type: "GRANT"; at: string; by: string; found: Ground[] }
  | { type: "REFUSE"; at: string; by: string; grounds: Ground[]; found: Ground[] }
  | { type: "ENTER"; at: string; by: string }
  | { type: "EXPIRE"; at: string };

export function groundKey(g: Ground): string {
  return g.ground === "fictitious_activity" ? `fictitious_activity:${g.evidenceId}` : g.ground;
}

/** A refusal names at least one ground and only grounds that the checks found (R9). */
export function refusalGroundsValid(grounds: Ground[], found: Ground[]): boolean {
  if (grounds.length === 0) return false;
  const foundKeys = new Set(found.map(groundKey));
  return grounds.every((g) => foundKeys.has(groundKey(g)));
}

export const applicationMachine = setup({
  types: {
    context: {} as ApplicationContext,
    events: {} as ApplicationEvent,
    input: {} as ApplicationInput,
  },
  guards: {
    notExpired: ({ context, event }) => "at" in event && Date.parse(event.at) < Date.parse(context.expiresAt),
    hasReasons: ({ event }) => event.type === "RETURN" && event.reasons.some((r) => r.trim().length > 0),
    checklistComplete: ({ event }) => event.type === "ACCEPT" && event.required.every((item) => event.ticked.includes(item)),
    noGround: ({ context, event }) => context.kind !== "annul" && event.type === "GRANT" && event.found.length === 0,
    groundsFound: ({ context, event }) =>
      context.kind !== "annul" && event.type === "REFUSE" && refusalGroundsValid(event.grounds, event.found),
    isAnnulment: ({ context }) => context.kind === "annul",
    expiryReached: ({ context, event }) => event.type === "EXPIRE" && Date.parse(event.at) >= Date.parse(context.expiresAt),
  },
  actions: {
    present: assign(({ context, event }) => {
      if (event.type !== "PRESENT") return {};
      // The 20-minute clock (R14) runs for grant and restore; an annulment has the two-day entry clock.
      const clock = context.kind === "annul" ? null : decisionClock(new Date(event.at));
      return {
        officeCode: event.officeCode,
        presentedAt: event.at,
        presentedBy: event.by,
        decisionWarnAt: clock ? clock.warnAt.toISOString() : null,
        decisionDueAt: clock ? clock.dueAt.toISOString() : null,
      };
    }),
    close: assign(({ event }) => ("by" in event ? { closedAt: event.at, closedBy: event.by } : {})),
  },
}).createMachine({
  id: "application",
  context: ({ input }) => ({
    ...input,
    officeCode: null,
    presentedAt: null,
    presentedBy: null,
    decisionWarnAt: null,
    decisionDueAt: null,
    acceptedAt: null,
    acceptedBy: null,
    incomingNumber: null,
    checklist: [],
    entryDueAt: null,
    returns: [],
    grounds: [],
    closedAt: null,
    closedBy: null,
  }),
  initial: "draft",
  states: {
    draft: {
      on: {
        PRESENT: { guard: "notExpired", target: "presented", actions: "present" },
        EXPIRE: { guard: "expiryReached", target: "expired" },
      },
    },
    presented: {
      on: {
        RETURN: {
          guard: "hasReasons",
          target: "returned",
          actions: assign(({ context, event }) => ({
            returns: [...context.returns, { at: event.at, by: event.by, reasons: event.reasons.filter((r) => r.trim()) }],
            expiresAt: event.expiresAt,
            decisionWarnAt: null,
            decisionDueAt: null,
          })),
        },
        ACCEPT: {
          guard: "checklistComplete",
          target: "accepted",
          actions: assign(({ event }) => ({
            acceptedAt: event.at,
            acceptedBy: event.by,
            incomingNumber: event.incomingNumber,
            checklist: [...event.ticked].sort(),
            entryDueAt: event.entryDueAt,
          })),
        },
      },
    },
    returned: {
      on: {
        // The applicant comes back with the same code (R6): a new presentation, a new clock.
        PRESENT: { guard: "notExpired", target: "presented", actions: "present" },
        EXPIRE: { guard: "expiryReached", target: "expired" },
      },
    },
    accepted: {
      on: {
        GRANT: { guard: "noGround", target: "granted", actions: "close" },
        REFUSE: {
          guard: "groundsFound",
          target: "refused",
          actions: [assign(({ event }) => ({ grounds: event.grounds })), "close"],
        },
        ENTER: { guard: "isAnnulment", target: "entered", actions: "close" },
      },
    },
    granted: { type: "final" },
    refused: { type: "final" },
    entered: { type: "final" },
    expired: { type: "final", entry: assign(({ event }) => ({ closedAt: "at" in event ? event.at : null })) },
  },
});

export type ApplicationState = "draft" | "presented" | "returned" | "accepted" | "granted" | "refused" | "entered" | "expired";

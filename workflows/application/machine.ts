import { assign, setup, type SnapshotFrom } from "xstate";
import { decisionClock } from "../clock/deadlines";
import type { Ground } from "./grounds";
import type { PresentFacts } from "./siblings";

/**
 * The application lifecycle (R3–R20). Pure: every instant arrives in an event, the guards look only
 * at the context and the event, so the same snapshot and event give the same answer on any server.
 * The runner computes the facts (registry checks, checklist, numbers) and puts them in the event.
 */
export type RequestKind = "grant" | "restore" | "annul";

/**
 * The subject's access to the cabinet as the runner found it (the account's status), for an
 * annulment application: accepting one needs an access to annul, and entering it annuls an active
 * access or closes the application when the access is already annulled (decision 047).
 */
export type AccessFact =
  | { status: "none" }
  | { status: "active" }
  | { status: "suspended" }
  /** The holder locked it (decision 060): the office may still annul it. */
  | { status: "locked" }
  | { status: "annulled"; at: string; for: AnnulledFor };

export type AnnulledFor = "on_request" | "fictitious_activity" | "online_refusal" | "revoked_decision" | null;

export interface AlreadyAnnulled {
  at: string;
  for: AnnulledFor;
  noticeNumber: string;
}

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
  /**
   * Set when an annulment application closed because the access was annulled earlier: when and why,
   * and the number of the notice that says so (made with the act, decision 044).
   */
  alreadyAnnulled?: AlreadyAnnulled | null;
}

export type ApplicationEvent =
  | ({ type: "PRESENT"; at: string; by: string; officeCode: string } & Partial<PresentFacts>)
  | { type: "RETURN"; at: string; by: string; reasons: string[]; expiresAt: string }
  | {
      type: "ACCEPT";
      at: string;
      by: string;
      incomingNumber: string;
      ticked: string[];
      required: string[];
      entryDueAt: string | null;
      /** The subject's access; an annulment application carries it. */
      access?: AccessFact;
    }
  | { type: "GRANT"; at: string; by: string; found: Ground[] }
  | { type: "REFUSE"; at: string; by: string; grounds: Ground[]; found: Ground[] }
  | {
      type: "ENTER";
      at: string;
      by: string;
      access: AccessFact;
      /** The notice's number, made with the act; the application keeps it when it closes as already annulled. */
      noticeNumber: string;
    }
  | { type: "EXPIRE"; at: string };

/** The grant decided after the application was saved, if the subject's latest one was. */
export function supersededBy(context: Pick<ApplicationContext, "savedAt">, lastGrant: PresentFacts["lastGrant"] | undefined) {
  return lastGrant && Date.parse(lastGrant.at) > Date.parse(context.savedAt) ? lastGrant : null;
}

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
    // Decision 055: a grant or restore application goes to a desk only while no other one of the
    // subject is there, and only if no access was granted after it was saved (its password is stale).
    presentable: ({ context, event }) =>
      event.type === "PRESENT" &&
      Date.parse(event.at) < Date.parse(context.expiresAt) &&
      (context.kind === "annul" || (!event.atDesk && !supersededBy(context, event.lastGrant))),
    hasReasons: ({ event }) => event.type === "RETURN" && event.reasons.some((r) => r.trim().length > 0),
    // R6: every required item ticked; R18: an annulment application also needs an access to annul —
    // one that was granted, whatever its state now (decision 047).
    acceptable: ({ context, event }) =>
      event.type === "ACCEPT" &&
      event.required.every((item) => event.ticked.includes(item)) &&
      (context.kind !== "annul" || (event.access !== undefined && event.access.status !== "none")),
    noGround: ({ context, event }) => context.kind !== "annul" && event.type === "GRANT" && event.found.length === 0,
    groundsFound: ({ context, event }) =>
      context.kind !== "annul" && event.type === "REFUSE" && refusalGroundsValid(event.grounds, event.found),
    annulsActiveAccess: ({ context, event }) =>
      context.kind === "annul" && event.type === "ENTER" && (event.access.status === "active" || event.access.status === "locked"),
    findsAccessAnnulled: ({ context, event }) => context.kind === "annul" && event.type === "ENTER" && event.access.status === "annulled",
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
  // Each field named, not `...input` then the rest (see the account machine's context).
  context: ({ input }) => ({
    kind: input.kind,
    inn: input.inn,
    code: input.code,
    savedAt: input.savedAt,
    expiresAt: input.expiresAt,
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
    alreadyAnnulled: null,
  }),
  initial: "draft",
  states: {
    draft: {
      on: {
        PRESENT: { guard: "presentable", target: "presented", actions: "present" },
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
          guard: "acceptable",
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
        PRESENT: { guard: "presentable", target: "presented", actions: "present" },
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
        // R20: entering annuls an active (or holder-locked, decision 060) access; an access annulled since (another application, R21,
        // an online refusal) leaves nothing to annul and the application closes saying so. A
        // suspended access waits for the supervisor's decision on the proposal.
        ENTER: [
          { guard: "annulsActiveAccess", target: "entered", actions: "close" },
          {
            guard: "findsAccessAnnulled",
            target: "already_annulled",
            actions: [
              "close",
              assign(({ event }) =>
                event.type === "ENTER" && event.access.status === "annulled"
                  ? { alreadyAnnulled: { at: event.access.at, for: event.access.for, noticeNumber: event.noticeNumber } }
                  : {},
              ),
            ],
          },
        ],
      },
    },
    granted: { type: "final" },
    refused: { type: "final" },
    entered: { type: "final" },
    already_annulled: { type: "final" },
    expired: { type: "final", entry: assign(({ event }) => ({ closedAt: "at" in event ? event.at : null })) },
  },
});

/** The machine's states, as XState infers them from its definition: the one list of them in workflows/. */
export type ApplicationState = SnapshotFrom<typeof applicationMachine>["value"];

/** Whether an application in this state is closed for good (decided, entered or expired): the machine's final states. */
export function isClosedState(state: ApplicationState): boolean {
  return applicationMachine.states[state]?.type === "final";
}

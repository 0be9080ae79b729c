import { setup, type SnapshotFrom } from "xstate";

/**
 * R11: the decision «вручается субъекту под роспись». After a decision the subject's copy waits to
 * be handed over; the inspector records that it was (when, by whom) or that the subject did not
 * come, who may still come later. Decisions made before hand-overs were recorded start as
 * `not_recorded`, which an inspector may also still complete.
 */
export interface HandOverContext {
  decidedAt: string;
}

/** `revoked`: the decision was revoked since (decision 063); its copy is void and is not handed over. */
export type HandOverEvent = { type: "HAND_OVER"; at: string; by: string; revoked: boolean } | { type: "NOT_COLLECTED"; at: string; by: string; revoked: boolean };

export const handOverMachine = setup({
  types: { context: {} as HandOverContext, events: {} as HandOverEvent, input: {} as HandOverContext },
  guards: {
    // A copy cannot be handed over, or missed, before the decision exists, nor once it was revoked.
    standingDecision: ({ context, event }) => !event.revoked && Date.parse(event.at) >= Date.parse(context.decidedAt),
  },
}).createMachine({
  id: "handover",
  context: ({ input }) => input,
  initial: "awaiting",
  states: {
    awaiting: {
      on: {
        HAND_OVER: { guard: "standingDecision", target: "handed_over" },
        NOT_COLLECTED: { guard: "standingDecision", target: "not_collected" },
      },
    },
    not_collected: { on: { HAND_OVER: { guard: "standingDecision", target: "handed_over" } } },
    not_recorded: { on: { HAND_OVER: { guard: "standingDecision", target: "handed_over" } } },
    handed_over: { type: "final" },
  },
});

export type HandOverState = SnapshotFrom<typeof handOverMachine>["value"];
/** What a desk page offers: each step is one event of the machine. */
export type HandOverStep = "hand_over" | "not_collected";

/** The machine's snapshot of a decision's hand-over, from the state its row keeps. */
export function handOverSnapshot(state: HandOverState, decidedAt: Date | string) {
  return handOverMachine.resolveState({ value: state, context: { decidedAt: new Date(decidedAt).toISOString() } });
}

/** What an inspector may record now: exactly the events the machine allows. */
export function handOverSteps(state: HandOverState, decidedAt: Date | string, now: Date, by: string, revoked: boolean): HandOverStep[] {
  const s = handOverSnapshot(state, decidedAt);
  const at = now.toISOString();
  return [
    ...(s.can({ type: "HAND_OVER", at, by, revoked }) ? (["hand_over"] as const) : []),
    ...(s.can({ type: "NOT_COLLECTED", at, by, revoked }) ? (["not_collected"] as const) : []),
  ];
}

import { createActor, type AnyActorScope, type AnyStateMachine, type EventFromLogic, type InputFrom, type SnapshotFrom } from "xstate";

/**
 * The one way the workflows step a machine: its next snapshot for an event, and its first for an
 * input, computed without running anything.
 *
 * xstate's own `transition` and `initialTransition` do the same, but build an actor for every call
 * (its `createInertActorScope`), and the actor's constructor works out an initial state without
 * input. The machines' context factories read their input, so every call also threw and caught a
 * TypeError: `initialTransition` took 21 µs, 15 of them in that actor, and the factories held 7–11 %
 * of a grant's busy JavaScript thread (docs/benchmarks.md, decision 076).
 *
 * The machines are flat, spawn nothing and send nothing, and their only actions are assigns, which
 * xstate resolves inside the step. So one inert scope per machine, made when first used, serves
 * every call; steps are synchronous, so concurrent requests never share one half-done.
 */
const scopes = new WeakMap<AnyStateMachine, AnyActorScope>();

function scopeOf(machine: AnyStateMachine): AnyActorScope {
  let scope = scopes.get(machine);
  if (!scope) {
    const self = createActor(machine);
    scope = {
      self,
      system: self.system,
      id: "",
      sessionId: "",
      logger: () => {},
      defer: () => {},
      emit: () => {},
      stopChild: () => {},
      // xstate hands over only actions with effects; assigns never come here. The services do the
      // effects (statements, journal, notices), so a machine that gains one fails loudly here
      // instead of having it dropped.
      actionExecutor: (action) => {
        throw new Error(`machine ${machine.id}: action ${action.type} has an effect; the machines hold only assigns`);
      },
    } as AnyActorScope;
    scopes.set(machine, scope);
  }
  return scope;
}

/** The snapshot after `event`, as xstate's `transition` gives it. */
export function nextSnapshot<M extends AnyStateMachine>(machine: M, snapshot: SnapshotFrom<M>, event: EventFromLogic<M>): SnapshotFrom<M> {
  return machine.transition(snapshot, event, scopeOf(machine)) as SnapshotFrom<M>;
}

/** The first snapshot for `input`, as xstate's `initialTransition` gives it. */
export function firstSnapshot<M extends AnyStateMachine>(machine: M, input: InputFrom<M>): SnapshotFrom<M> {
  return machine.getInitialSnapshot(scopeOf(machine), input) as SnapshotFrom<M>;
}

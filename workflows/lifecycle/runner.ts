import { eq } from "drizzle-orm";
import type { AnyMachineSnapshot, AnyStateMachine, EventFromLogic, EventObject, SnapshotFrom } from "xstate";
import { nextSnapshot } from "./machine-step";
import type { DbOrTx } from "../../db/client";
import { offices } from "../../db/schema";
import { accountMachine, type AccountEvent } from "../account/machine";
import { accountRefusals } from "../account/refusals";
import { applicationMachine, type ApplicationEvent, type ApplicationState } from "../application/machine";
import { applicationRefusals, type Refusal } from "../application/refusals";
import { WorkflowError } from "../errors";

/**
 * Options every lifecycle function takes last. `expectedVersion`: the version the caller saw (a
 * page's hidden field); a different one means someone else changed the record first.
 * `between`: a test seam called between the writes of one transition; whatever it throws rolls the
 * whole transaction back.
 */
export interface RunOptions {
  expectedVersion?: number;
  between?: (step: string) => void | Promise<void>;
}

export async function between(opts: RunOptions | undefined, step: string): Promise<void> {
  if (opts?.between) await opts.between(step);
}

export function checkVersion(actual: number, opts: RunOptions | undefined): void {
  if (opts?.expectedVersion !== undefined && opts.expectedVersion !== actual) {
    throw new WorkflowError("stale", "record.changed_by_someone_else", { expected: opts.expectedVersion, actual });
  }
}

type Persisted = { value: unknown; context: unknown };
type GuardRefusals = Record<string, (context: never, event: never) => Refusal>;

/**
 * The one way an event meets a stored snapshot, for both machines: restore, ask `can()`, and
 * either refuse with the message of the guard that said no (or `refusalKey` when the state has no
 * such step at all) or return the next snapshot.
 */
function applyEvent<M extends AnyStateMachine>(machine: M, refusals: GuardRefusals, stored: unknown, event: EventFromLogic<M>, refusalKey: string) {
  const snap = restoreSnapshot(machine, stored) as AnyMachineSnapshot;
  if (!snap.can(event)) throw refusalOf(machine, refusals, snap, event, refusalKey);
  const next = nextSnapshot(machine, snap as SnapshotFrom<M>, event);
  return { before: String(snap.value), after: String((next as AnyMachineSnapshot).value), next, persisted: machine.getPersistedSnapshot(next) };
}

/** A stored snapshot, restored to ask what may happen next. */
export function restoreSnapshot<M extends AnyStateMachine>(machine: M, stored: unknown): SnapshotFrom<M> {
  const p = stored as Persisted;
  return machine.resolveState({ value: p.value as never, context: p.context as never }) as SnapshotFrom<M>;
}

function refusalOf(machine: AnyStateMachine, refusals: GuardRefusals, snap: AnyMachineSnapshot, event: EventObject, refusalKey: string): WorkflowError {
  const where = { state: snap.value, event: event.type };
  // Both machines are flat: the state's own transitions for the event are the candidates.
  const candidates = (machine.states[String(snap.value)]?.on?.[event.type] ?? []) as { guard?: unknown }[];
  for (const t of candidates) {
    const name = typeof t.guard === "string" ? t.guard : (t.guard as { type?: string } | undefined)?.type;
    const refusal = name ? refusals[name] : undefined;
    if (refusal) {
      const r = refusal(snap.context as never, event as never);
      return new WorkflowError(r.code, r.key, { ...where, ...r.details });
    }
  }
  return new WorkflowError("conflict", refusalKey, where);
}

/** The states before and after are the machine's (a flat machine: its value is a state's name). */
export function applyApplicationEvent(stored: unknown, event: ApplicationEvent, refusalKey = "application.event_not_allowed") {
  const step = applyEvent(applicationMachine, applicationRefusals as GuardRefusals, stored, event, refusalKey);
  return { ...step, before: step.before as ApplicationState, after: step.after as ApplicationState };
}

export function applyAccountEvent(stored: unknown, event: AccountEvent, refusalKey = "account.event_not_allowed") {
  return applyEvent(accountMachine, accountRefusals as GuardRefusals, stored, event, refusalKey);
}

export async function officeTimeZone(tx: DbOrTx, officeCode: string): Promise<string> {
  const [row] = await tx.select({ tz: offices.timeZone }).from(offices).where(eq(offices.code, officeCode));
  if (!row) throw new WorkflowError("not_found", "office.not_found", { officeCode });
  return row.tz;
}

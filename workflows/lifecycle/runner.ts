import { eq } from "drizzle-orm";
import { transition } from "xstate";
import type { DbOrTx } from "../../db/client";
import { offices } from "../../db/schema";
import { accountMachine, type AccountEvent } from "../account/machine";
import { applicationMachine, type ApplicationEvent } from "../application/machine";
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

/** Restores the stored snapshot, refuses an event the machine does not allow, returns the next one. */
export function applyApplicationEvent(stored: unknown, event: ApplicationEvent, refusalKey = "application.event_not_allowed") {
  const p = stored as Persisted;
  const snap = applicationMachine.resolveState({ value: p.value as never, context: p.context as never });
  if (!snap.can(event)) throw new WorkflowError("conflict", refusalKey, { state: snap.value, event: event.type });
  const [next] = transition(applicationMachine, snap, event);
  return { before: String(snap.value), after: String(next.value), next, persisted: applicationMachine.getPersistedSnapshot(next) };
}

export function applyAccountEvent(stored: unknown, event: AccountEvent, refusalKey = "account.event_not_allowed") {
  const p = stored as Persisted;
  const snap = accountMachine.resolveState({ value: p.value as never, context: p.context as never });
  if (!snap.can(event)) throw new WorkflowError("conflict", refusalKey, { state: snap.value, event: event.type });
  const [next] = transition(accountMachine, snap, event);
  return { before: String(snap.value), after: String(next.value), next, persisted: accountMachine.getPersistedSnapshot(next) };
}

export async function officeTimeZone(tx: DbOrTx, officeCode: string): Promise<string> {
  const [row] = await tx.select({ tz: offices.timeZone }).from(offices).where(eq(offices.code, officeCode));
  if (!row) throw new WorkflowError("not_found", "office.not_found", { officeCode });
  return row.tz;
}

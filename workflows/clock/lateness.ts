import type { JournalInput } from "../journal/append";

/**
 * Lateness is a fact of the act (decision 045): whoever notices first records it once — the act
 * itself when it is made past its due time (a decision past R14's 20 minutes, an entry past R20's
 * two days), or the sweeper while the application is still open. `overdue_recorded_at` says it
 * was recorded; the journal entry's idempotency key makes a second entry impossible.
 */
export type LateClock = "decision" | "entry";

export interface ClockedRow {
  id: string;
  inn: string;
  officeCode: string | null;
  status: string;
  presentedAt: Date | null;
  decisionDueAt: Date | null;
  entryDueAt: Date | null;
  overdueRecordedAt: Date | null;
}

/** The rule both the sweeper's query (`due <= now`) and the acts apply: due at the instant itself. */
export function isPastDue(dueAt: Date | null, at: Date): dueAt is Date {
  return dueAt !== null && at.getTime() >= dueAt.getTime();
}

/** The lateness an act made at `at` must record: its due instant, or null when on time or already recorded. */
export function unrecordedLateness(row: ClockedRow, clock: LateClock, at: Date): Date | null {
  const due = clock === "decision" ? row.decisionDueAt : row.entryDueAt;
  return row.overdueRecordedAt === null && isPastDue(due, at) ? due : null;
}

export const OVERDUE_ACTION = { decision: "decision.overdue", entry: "annulment_entry.overdue" } as const;

/** The one journal entry of a late act; `status` is the application's while the clock ran. */
export function overdueEntry(row: Pick<ClockedRow, "id" | "inn" | "officeCode" | "presentedAt">, clock: LateClock, dueAt: Date, status: string): JournalInput {
  const action = OVERDUE_ACTION[clock];
  return {
    actor: { type: "system" },
    officeCode: row.officeCode,
    action,
    subjectInn: row.inn,
    entityType: "application",
    entityId: row.id,
    before: { status },
    after: { status, dueAt: dueAt.toISOString() },
    // One entry per presentation: a returned application presented again has a new clock.
    idempotencyKey: `${action}:${row.id}:${row.presentedAt?.toISOString() ?? ""}`,
  };
}

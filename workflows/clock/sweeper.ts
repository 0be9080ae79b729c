import { and, asc, eq, inArray, isNull, lte, ne, notInArray } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { applications } from "../../db/schema";
import { writeApplication } from "../application/persist";
import { appendJournal, chainOf } from "../journal";
import { applyApplicationEvent } from "../lifecycle/runner";
import { overdueEntry, type LateClock } from "./lateness";

/** What a sweep does to a row: flag a late decision or entry, expire a draft, end a refused access. */
export type SweepStep = "decision" | "entry" | "expire" | "access_end";

/** A row the sweep could not handle: left as it was, for someone to look at. */
export interface SweepFailure {
  step: SweepStep;
  /** The application's id (the account's for `access_end`). */
  id: string;
  error: unknown;
}

export interface SweepResult {
  decisionOverdue: number;
  entryOverdue: number;
  expired: number;
  /** Rows skipped because handling them failed; every other row was handled. */
  failed: SweepFailure[];
}

const system = { type: "system" } as const;

/**
 * Records what fell due by `now`: decisions past 20 minutes (R14), annulment entries past two
 * calendar days (R20), drafts past their lifetime (their password hash is wiped). Safe to run from
 * every app process at once: rows are claimed with FOR UPDATE SKIP LOCKED, `overdue_recorded_at`
 * marks them, and the journal's idempotency key refuses a second entry for the same presentation.
 * A row that fails (a snapshot that disagrees with its columns, a broken journal chain) is rolled
 * back alone, reported in `failed` and not claimed again in this sweep; the others proceed.
 */
export async function sweepDeadlines(db: Db, now: Date, batch = 200): Promise<SweepResult> {
  const decision = await sweepRows(db, batch, "decision", claimOverdue(now, "decision"), (tx, row) => recordOverdue(tx, now, "decision", row));
  const entry = await sweepRows(db, batch, "entry", claimOverdue(now, "entry"), (tx, row) => recordOverdue(tx, now, "entry", row));
  const expired = await sweepRows(db, batch, "expire", claimExpired(now), (tx, row) => expire(tx, now, row));
  return {
    decisionOverdue: decision.handled,
    entryOverdue: entry.handled,
    expired: expired.handled,
    failed: [...decision.failed, ...entry.failed, ...expired.failed],
  };
}

/**
 * A batch spans offices, and each journal entry locks its office's chain head until commit. Two
 * sweepers (two app processes) holding different batches would take those locks in different
 * orders and deadlock: every batch journals office by office in one order (stable: due order kept).
 */
export function byChain<T extends { officeCode: string | null }>(rows: T[]): T[] {
  return [...rows].sort((a, b) => chainOf(a.officeCode).localeCompare(chainOf(b.officeCode)));
}

/**
 * Claims up to `limit` due rows (FOR UPDATE SKIP LOCKED), leaving out the ids in `skip`. A handled
 * row must stop matching the claim, so that the loop in sweepRows ends.
 */
export type Claim<R> = (tx: Tx, skip: string[], limit: number) => Promise<R[]>;

/**
 * The batch loop every sweep shares: each batch is one transaction, its rows handled office by
 * office (byChain), each row in a savepoint of its own. A row whose handling throws is rolled back
 * to its savepoint (its lock may go with it; another sweeper then fails on it the same way), noted,
 * and excluded from the following claims, so a batch full of bad rows cannot be claimed again and
 * again. `handle` answers whether it changed anything (false: another process got there first).
 */
export async function sweepRows<R extends { id: string; officeCode: string | null }>(
  db: Db,
  batch: number,
  step: SweepStep,
  claim: Claim<R>,
  handle: (tx: Tx, row: R) => Promise<boolean>,
): Promise<{ handled: number; failed: SweepFailure[] }> {
  let handled = 0;
  const failed: SweepFailure[] = [];
  for (;;) {
    const skip = failed.map((f) => f.id);
    const n = await db.transaction(async (tx) => {
      const rows = await claim(tx, skip, batch);
      let done = 0;
      const bad: SweepFailure[] = [];
      for (const row of byChain(rows)) {
        try {
          if (await tx.transaction((savepoint) => handle(savepoint, row))) done++;
        } catch (error) {
          bad.push({ step, id: row.id, error });
        }
      }
      return { claimed: rows.length, done, bad };
    });
    handled += n.done;
    failed.push(...n.bad);
    if (n.claimed < batch) break;
  }
  return { handled, failed };
}

const notSkipped = (skip: string[]) => (skip.length ? notInArray(applications.id, skip) : undefined);

function claimOverdue(now: Date, clock: LateClock) {
  const due = clock === "decision" ? applications.decisionDueAt : applications.entryDueAt;
  return (tx: Tx, skip: string[], limit: number) =>
    tx
      .select({
        id: applications.id,
        inn: applications.inn,
        officeCode: applications.officeCode,
        status: applications.status,
        presentedAt: applications.presentedAt,
        dueAt: due,
      })
      .from(applications)
      .where(
        and(
          clock === "decision" ? inArray(applications.status, ["presented", "accepted"]) : eq(applications.status, "accepted"),
          clock === "decision" ? ne(applications.requestKind, "annul") : eq(applications.requestKind, "annul"),
          lte(due, now),
          isNull(applications.overdueRecordedAt),
          notSkipped(skip),
        ),
      )
      .orderBy(asc(due))
      .limit(limit)
      .for("update", { skipLocked: true });
}

type OverdueRow = Awaited<ReturnType<ReturnType<typeof claimOverdue>>>[number];

async function recordOverdue(tx: Tx, now: Date, clock: LateClock, r: OverdueRow): Promise<boolean> {
  await tx.update(applications).set({ overdueRecordedAt: now }).where(eq(applications.id, r.id));
  // The same entry a late act writes itself (decision 045): whichever comes first, the other finds it recorded.
  const entry = await appendJournal(tx, overdueEntry(r, clock, r.dueAt!, r.status));
  return entry !== null;
}

function claimExpired(now: Date) {
  return (tx: Tx, skip: string[], limit: number) =>
    tx
      .select()
      .from(applications)
      .where(and(inArray(applications.status, ["draft", "returned"]), lte(applications.expiresAt, now), notSkipped(skip)))
      .orderBy(asc(applications.expiresAt))
      .limit(limit)
      .for("update", { skipLocked: true });
}

type ExpiredRow = Awaited<ReturnType<ReturnType<typeof claimExpired>>>[number];

async function expire(tx: Tx, now: Date, row: ExpiredRow): Promise<boolean> {
  const step = applyApplicationEvent(row.snapshot, { type: "EXPIRE", at: now.toISOString() });
  await writeApplication(tx, row, step, { passwordHash: null });
  await appendJournal(tx, {
    actor: system,
    officeCode: row.officeCode,
    action: "application.expired",
    subjectInn: row.inn,
    entityType: "application",
    entityId: row.id,
    before: { status: step.before },
    after: { status: step.after },
    idempotencyKey: `application.expired:${row.id}`,
  });
  return true;
}

import { and, asc, eq, inArray, isNull, lte, ne } from "drizzle-orm";
import type { Db } from "../../db/client";
import { applications } from "../../db/schema";
import { writeApplication } from "../application/persist";
import { appendJournal, chainOf } from "../journal";
import { applyApplicationEvent } from "../lifecycle/runner";

export interface SweepResult {
  decisionOverdue: number;
  entryOverdue: number;
  expired: number;
}

const system = { type: "system" } as const;

/**
 * Records what fell due by `now`: decisions past 20 minutes (R14), annulment entries past two
 * calendar days (R20), drafts past their lifetime (their password hash is wiped). Safe to run from
 * every app process at once: rows are claimed with FOR UPDATE SKIP LOCKED, `overdue_recorded_at`
 * marks them, and the journal's idempotency key refuses a second entry for the same presentation.
 */
export async function sweepDeadlines(db: Db, now: Date, batch = 200): Promise<SweepResult> {
  const result: SweepResult = { decisionOverdue: 0, entryOverdue: 0, expired: 0 };
  for (;;) {
    const n = await sweepOverdue(db, now, "decision", batch);
    result.decisionOverdue += n.recorded;
    if (n.claimed < batch) break;
  }
  for (;;) {
    const n = await sweepOverdue(db, now, "entry", batch);
    result.entryOverdue += n.recorded;
    if (n.claimed < batch) break;
  }
  for (;;) {
    const n = await sweepExpired(db, now, batch);
    result.expired += n;
    if (n < batch) break;
  }
  return result;
}

/**
 * A batch spans offices, and each journal entry locks its office's chain head until commit. Two
 * sweepers (two app processes) holding different batches would take those locks in different
 * orders and deadlock: every batch journals office by office in one order (stable: due order kept).
 */
function byChain<T extends { officeCode: string | null }>(rows: T[]): T[] {
  return [...rows].sort((a, b) => chainOf(a.officeCode).localeCompare(chainOf(b.officeCode)));
}

async function sweepOverdue(db: Db, now: Date, clock: "decision" | "entry", batch: number) {
  return db.transaction(async (tx) => {
    const due = clock === "decision" ? applications.decisionDueAt : applications.entryDueAt;
    const rows = await tx
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
        ),
      )
      .orderBy(asc(due))
      .limit(batch)
      .for("update", { skipLocked: true });
    let recorded = 0;
    for (const r of byChain(rows)) {
      await tx.update(applications).set({ overdueRecordedAt: now }).where(eq(applications.id, r.id));
      const action = clock === "decision" ? "decision.overdue" : "annulment_entry.overdue";
      const entry = await appendJournal(tx, {
        actor: system,
        officeCode: r.officeCode,
        action,
        subjectInn: r.inn,
        entityType: "application",
        entityId: r.id,
        before: { status: r.status },
        after: { status: r.status, dueAt: r.dueAt?.toISOString() ?? null },
        // One entry per presentation: a returned application presented again has a new clock.
        idempotencyKey: `${action}:${r.id}:${r.presentedAt?.toISOString() ?? ""}`,
      });
      if (entry) recorded++;
    }
    return { claimed: rows.length, recorded };
  });
}

async function sweepExpired(db: Db, now: Date, batch: number) {
  return db.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(applications)
      .where(and(inArray(applications.status, ["draft", "returned"]), lte(applications.expiresAt, now)))
      .orderBy(asc(applications.expiresAt))
      .limit(batch)
      .for("update", { skipLocked: true });
    for (const row of byChain(rows)) {
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
    }
    return rows.length;
  });
}

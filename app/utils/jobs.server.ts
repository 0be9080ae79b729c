import type { Db } from "../../db/client";
import type { SweepFailure, SweepResult } from "../../workflows/clock/sweeper";
import { log } from "./log.server";
import { db } from "./db.server";
import { env } from "./env.server";
import { countSweepFailure } from "./metrics.server";
import { pruneRateLimits } from "./rate-limit.server";
import { pruneSessions } from "./session.server";

// The deadline sweeper runs in every app process; the work itself is idempotent and locked in the
// database (see workflows/clock), so several processes never journal the same overdue twice.
let timer: NodeJS.Timeout | undefined;
let pruneTimer: NodeJS.Timeout | undefined;
let running: Promise<unknown> | undefined;

/**
 * One pass of every sweep. A row a sweep could not handle is logged with its id and counted in
 * /metrics (sweep_row_failures_total); the sweep went on without it and will report it again on
 * every pass until the row is repaired.
 */
export async function sweepOnce(
  database: Db,
  now: Date,
): Promise<{ deadlines: SweepResult; refusals: { ended: number; failed: SweepFailure[] }; abandonedImports: string[] }> {
  const { sweepDeadlines } = await import("../../workflows");
  const { endRefusedAccess } = await import("../../workflows/account/refusal");
  const { abandonStaleImports } = await import("../../workflows/registry");
  const [deadlines, refusals, abandonedImports] = await Promise.all([
    sweepDeadlines(database, now),
    endRefusedAccess(database, now),
    // A registry import whose process died: failed and journaled, its staged rows dropped.
    abandonStaleImports(database, now),
  ]);
  const failed = [...deadlines.failed, ...refusals.failed];
  for (const f of failed) {
    countSweepFailure(f.step);
    log.error({ err: f.error, step: f.step, [f.step === "access_end" ? "accountId" : "applicationId"]: f.id }, "sweep skipped a row it could not handle");
  }
  return { deadlines, refusals, abandonedImports };
}

/** How often the rows that no longer count are deleted; any process may do it, twice is harmless. */
const PRUNE_INTERVAL_MS = 10 * 60_000;

/**
 * Deletes what no longer counts: rate-limit rows whose window ended under every rule, and sessions
 * past their expiry. Both tables only grew before (a row per address, login and session ever seen).
 */
export async function pruneOnce(database: Db, now: Date): Promise<{ rateLimits: number; sessions: number }> {
  return { rateLimits: await pruneRateLimits(database, now), sessions: await pruneSessions(database, now) };
}

export function startBackgroundJobs() {
  if (timer) return;
  const tick = async () => {
    try {
      running = sweepOnce(await db(), new Date());
      await running;
    } catch (error) {
      log.error({ err: error }, "deadline sweep failed");
    } finally {
      running = undefined;
    }
  };
  timer = setInterval(tick, env().SWEEP_INTERVAL_MS);
  timer.unref();
  void tick();
  pruneTimer = setInterval(() => {
    void db()
      .then((database) => pruneOnce(database, new Date()))
      .catch((error) => log.error({ err: error }, "pruning rate limits and sessions failed"));
  }, PRUNE_INTERVAL_MS);
  pruneTimer.unref();
}

export async function stopBackgroundJobs() {
  if (timer) clearInterval(timer);
  if (pruneTimer) clearInterval(pruneTimer);
  timer = undefined;
  pruneTimer = undefined;
  await running;
}

import { log } from "./log.server";
import { db } from "./db.server";
import { env } from "./env.server";

// The deadline sweeper runs in every app process; the work itself is idempotent and locked in the
// database (see workflows/clock), so several processes never journal the same overdue twice.
let timer: NodeJS.Timeout | undefined;
let running: Promise<unknown> | undefined;

export function startBackgroundJobs() {
  if (timer) return;
  const tick = async () => {
    try {
      const { sweepDeadlines } = await import("../../workflows");
      const { endRefusedAccess } = await import("../../workflows/account/refusal");
      const database = await db();
      running = Promise.all([sweepDeadlines(database, new Date()), endRefusedAccess(database, new Date())]);
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
}

export async function stopBackgroundJobs() {
  if (timer) clearInterval(timer);
  timer = undefined;
  await running;
}

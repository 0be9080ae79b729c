import type { Db } from "../../db/client";
import type { SweepFailure, SweepResult } from "../../workflows/clock/sweeper";
import { AnchoringJob, type AnchorRound } from "../../workflows/journal/anchor";
import { log } from "./log.server";
import { db } from "./db.server";
import { dirname, join, resolve } from "node:path";
import { env, noticeSettings, noticeStatusUrl, tsaSettings } from "./env.server";
import { drainDueNotices } from "../../workflows/notices/worker";
import { noticeSenders as sendersFor, type NoticeSenders } from "../../workflows/notices/senders";
import { startLocalTsa, type LocalTsa } from "./local-tsa.server";
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

// --- anchoring the journal (decision 062) ----------------------------------------------------

let anchoring: AnchoringJob | undefined;
let anchorTimer: NodeJS.Timeout | undefined;
let anchorRunning: Promise<unknown> | undefined;

/** The periodic anchoring of this process, or undefined when no TSA is configured. */
export function anchoringJob(): AnchoringJob | undefined {
  return anchoring;
}

/**
 * One anchoring round now (the admin journal's button): the same job, so that its record of the
 * last failure and its backoff stay one. Null when no TSA is configured.
 */
export async function anchorNow(): Promise<AnchorRound | null> {
  if (!anchoring) return null;
  return (await anchoring.runOnce(new Date())).round;
}

let localTsa: LocalTsa | undefined;
let trustedPem: string | null = null;

/**
 * The certificate this process's anchors verify against: the configured TSA_CERT_FILE, or the local
 * TSA's CA on the embedded default. Null when nothing is anchored.
 */
export function anchoringTrustedPem(): string | null {
  return trustedPem ?? tsaSettings()?.trustedPem ?? null;
}

/**
 * The TSA this process anchors with: the configured one; on the embedded default (no
 * DATABASE_URL) a local OpenSSL TSA kept beside the database, so the demo anchors as a real
 * installation does (not a qualified TSA; decision 062); on a server without one, none.
 */
async function anchoringSettings(): Promise<{ url: string; trustedPem: string; intervalMs: number } | null> {
  const configured = tsaSettings();
  if (configured) return configured;
  const e = env();
  if (e.DATABASE_URL) return null;
  try {
    const dir = e.PGLITE_DIR.startsWith("memory://") ? undefined : join(dirname(resolve(e.PGLITE_DIR)), "tsa");
    localTsa = await startLocalTsa({ dir, days: 3650 });
    log.info({ url: localTsa.url, caCertFile: localTsa.caCertFile }, "embedded database: the journal is anchored by a local OpenSSL TSA (not a qualified one)");
    return { url: localTsa.url, trustedPem: localTsa.caCertPem, intervalMs: e.ANCHOR_INTERVAL_SECONDS * 1000 };
  } catch (error) {
    log.warn({ err: error }, "could not start the local TSA (is openssl installed?)");
    return null;
  }
}

async function startAnchoring() {
  const tsa = await anchoringSettings();
  if (!tsa) {
    log.warn("no TSA configured (TSA_URL, TSA_CERT_FILE): the journal's chain heads are not time-stamped, and its keeper could rewrite it undetected (decision 062)");
    return;
  }
  if (!timer) return; // stopped while the local TSA started
  trustedPem = tsa.trustedPem;
  const job = new AnchoringJob(db, { url: tsa.url, trustedPem: tsa.trustedPem }, {
    intervalMs: tsa.intervalMs,
    onFailure: (failure) =>
      failure instanceof Error
        ? log.error({ err: failure }, "journal anchoring failed; retrying with backoff")
        : failure.forEach((f) => (f.kind === "rewritten" ? log.error : log.warn).call(log, { chain: f.chain, kind: f.kind }, `journal anchoring: ${f.message}`)),
  });
  anchoring = job;
  const schedule = (delayMs: number) => {
    anchorTimer = setTimeout(() => {
      anchorRunning = job.runOnce(new Date()).then(({ delayMs: next }) => {
        anchorRunning = undefined;
        if (anchoring === job) schedule(next);
      });
    }, delayMs);
    anchorTimer.unref();
  };
  schedule(Math.min(5_000, tsa.intervalMs));
}

// --- notices to applicants (decision 064) -------------------------------------------------------

let noticeTimer: NodeJS.Timeout | undefined;
let noticeRunning: Promise<unknown> | undefined;
let noticeSenders: NoticeSenders = {};

/** The rounds of this process until nothing is due (or the process stops). */
async function drainNotices(settings: NonNullable<ReturnType<typeof noticeSettings>>) {
  const total = await drainDueNotices(await db(), () => new Date(), { ...settings, senders: noticeSenders, statusUrl: noticeStatusUrl(), batch: 50, leaseMs: 5 * 60_000 }, () => Boolean(noticeTimer));
  if (total.dead) log.warn({ dead: total.dead }, "notices given up after their last try (Administration → Notices)");
}

function startNotices() {
  const settings = noticeSettings();
  if (!settings) {
    log.info("no SMTP_URL or SMS_GATEWAY_URL: notices to applicants stay in the outbox (decision 064)");
    return;
  }
  noticeSenders = sendersFor(settings);
  if (!noticeStatusUrl()) log.warn("PUBLIC_BASE_URL is not set: notices cannot link to the status page");
  const schedule = () => {
    noticeTimer = setTimeout(() => {
      noticeRunning = drainNotices(settings)
        .catch((error) => log.error({ err: error }, "sending notices failed; the outbox keeps them"))
        .finally(() => {
          noticeRunning = undefined;
          if (noticeTimer) schedule();
        });
    }, settings.intervalMs);
    noticeTimer.unref();
  };
  schedule();
}

export function startBackgroundJobs() {
  if (timer) return;
  void startAnchoring().catch((error) => log.error({ err: error }, "journal anchoring did not start"));
  startNotices();
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
  if (anchorTimer) clearTimeout(anchorTimer);
  if (noticeTimer) clearTimeout(noticeTimer);
  noticeTimer = undefined;
  await noticeRunning;
  for (const sender of Object.values(noticeSenders)) sender.close?.();
  noticeSenders = {};
  anchoring = undefined;
  anchorTimer = undefined;
  await anchorRunning;
  await localTsa?.close();
  localTsa = undefined;
  timer = undefined;
  pruneTimer = undefined;
  await running;
}

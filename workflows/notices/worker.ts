import pLimit from "p-limit";
import type { Db } from "../../db/client";
import { noticeContact } from "../application/contact";
import { formatCode } from "../application/code";
import { longDate } from "../../templates/format";
import { retryDelayMs } from "./backoff";
import { claimDueNotices, markFailed, markSent, markSkipped, putBack, type ClaimedNotice } from "./outbox";
import type { NoticeSenders } from "./senders";
import { noticeLanguage, renderNotice, type NoticeFacts } from "./words";

export interface NoticeWorkerOptions {
  senders: NoticeSenders;
  /** Where the applicant checks the state: PUBLIC_BASE_URL + /status; null when not configured. */
  statusUrl: string | null;
  maxAttempts: number;
  /** Backoff after the first failure, doubling to `capMs`. */
  baseDelayMs: number;
  capMs: number;
  batch: number;
  leaseMs: number;
  /** Notices of a round in flight at once (4). */
  concurrency?: number;
  random?: () => number;
}

export interface NoticeRound {
  sent: number;
  retrying: number;
  dead: number;
  skipped: number;
  /** Due, but for a channel with no provider configured here: left queued (the admin page shows them). */
  waiting: number;
}

const asString = (v: unknown) => (typeof v === "string" ? v : null);

/** What the notice may say, from the entry and the rows it names (never a password, never the login). */
export function noticeFacts(n: ClaimedNotice, statusUrl: string | null): NoticeFacts {
  const after = n.after ?? {};
  const endsAt = asString(after.accessEndsAt);
  return {
    code: n.code ? formatCode(n.code) : null,
    officeName: n.officeName,
    officeAddress: n.officeAddress,
    actNumber: asString(after.decisionNumber) ?? asString(after.number),
    effect: after.effect === "first_grant" || after.effect === "restoration" || after.effect === "reinstatement" ? after.effect : null,
    reasons: Array.isArray(after.reasons) ? after.reasons.filter((r): r is string => typeof r === "string") : [],
    accessEndsOn: endsAt && n.timeZone ? longDate(endsAt, n.timeZone, noticeLanguage(n.form?.language)) : endsAt,
    statusUrl,
  };
}

/** The notice as it would go: to whom, by what, in which words; null when the applicant chose none. */
export function composeNotice(n: ClaimedNotice, statusUrl: string | null) {
  const contact = n.form ? noticeContact(n.form) : null;
  if (!contact) return null;
  const language = noticeLanguage(contact.language);
  return { ...contact, language, ...renderNotice(n.action, noticeFacts(n, statusUrl), language) };
}

/**
 * One round: claims what is due and sends each through its channel's provider. A failure is tried
 * again with backoff, and given up (dead) after `maxAttempts`; a notice for a channel this process
 * has no provider for is put back untouched (its attempt returned), for a process that has one.
 */
export async function sendDueNotices(db: Db, now: Date, opts: NoticeWorkerOptions): Promise<NoticeRound> {
  const round: NoticeRound = { sent: 0, retrying: 0, dead: 0, skipped: 0, waiting: 0 };
  const claimed = await claimDueNotices(db, now, { limit: opts.batch, leaseMs: opts.leaseMs });
  // Sent a few at a time (the SMTP transport pools its connections): one at a time, a round waits
  // for every provider's answer in turn.
  const limit = pLimit(opts.concurrency ?? 4);
  await Promise.all(claimed.map((n) => limit(async () => {
    const notice = composeNotice(n, opts.statusUrl);
    if (!notice) {
      await markSkipped(db, n.id);
      round.skipped++;
      return;
    }
    const sender = opts.senders[notice.channel];
    const to = { channel: notice.channel, address: notice.address };
    if (!sender) {
      await putBack(db, n.id, new Date(now.getTime() + opts.capMs), `no ${notice.channel} provider configured here`);
      round.waiting++;
      return;
    }
    try {
      await sender.send({ to: notice.address, subject: notice.subject, text: notice.text, idempotencyKey: `notice-${n.id}` });
      await markSent(db, n.id, to, now);
      round.sent++;
    } catch (error) {
      const retryAt = new Date(now.getTime() + retryDelayMs(n.attempts, { baseMs: opts.baseDelayMs, capMs: opts.capMs }, opts.random));
      const status = await markFailed(db, n.id, { attempts: n.attempts, maxAttempts: opts.maxAttempts, retryAt, error: error instanceof Error ? error.message : String(error), ...to });
      if (status === "dead") round.dead++;
      else round.retrying++;
    }
  })));
  return round;
}

/**
 * Rounds until nothing is due or `keepGoing` says stop: a burst of decisions goes out at once
 * rather than 50 per interval. Each round takes its time from `clock`. The totals are returned.
 */
export async function drainDueNotices(db: Db, clock: () => Date, opts: NoticeWorkerOptions, keepGoing: () => boolean = () => true): Promise<NoticeRound> {
  const total: NoticeRound = { sent: 0, retrying: 0, dead: 0, skipped: 0, waiting: 0 };
  for (;;) {
    const r = await sendDueNotices(db, clock(), opts);
    for (const k of Object.keys(total) as (keyof NoticeRound)[]) total[k] += r[k];
    // A short round took everything that was due; a full one may have left more.
    if (r.sent + r.retrying + r.dead + r.skipped + r.waiting < opts.batch || !keepGoing()) return total;
  }
}

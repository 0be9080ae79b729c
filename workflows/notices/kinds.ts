import type { JournalAction } from "../journal/actions";

/**
 * The journal actions the applicant is told of (decision 064), once: the journal's statement queues
 * a notice for each entry with one of them (workflows/journal/append.ts), and the notice's words
 * (words.ts) are a `Record` over this list. One event, one entry, one notice: where an event writes
 * two entries, only one is listed: an annulment on request also journals `account.annulled`, and a
 * grant `account.created`, `account.password_replaced` or `account.reinstated` (the grant's notice
 * says which, from the decision's effect).
 */
export const NOTICE_ACTIONS = [
  "application.saved",
  "application.returned",
  "application.granted",
  "application.refused",
  "application.entered",
  "application.already_annulled",
  "annulment.proposed",
  "annulment.approved",
  "annulment.rejected",
  "account.refusal_received",
  "account.access_ended",
  "account.self_locked",
  "account.password_changed_by_holder",
  "decision.revoked",
] as const satisfies readonly JournalAction[];

export type NoticeAction = (typeof NOTICE_ACTIONS)[number];

const listed: ReadonlySet<string> = new Set(NOTICE_ACTIONS);

export function isNoticeAction(action: string): action is NoticeAction {
  return listed.has(action);
}

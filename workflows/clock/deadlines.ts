import { TZDate } from "@date-fns/tz";
import { addDays, format, startOfDay, subDays } from "date-fns";
import { DEFAULT_OFFICE_TIME_ZONE } from "../../db/time-zone";

/**
 * Deadline rules. Every function takes the instant and the office's time zone explicitly, so the
 * answer never depends on the server process's own zone (TZ).
 */
export const DECISION_WARN_MINUTES = 15;
export const DECISION_DUE_MINUTES = 20;
export const DEFAULT_DRAFT_TTL_DAYS = 30;
/** R11: a decision's copy not handed over this long after the decision is listed on the board (decision 057). */
export const DEFAULT_HAND_OVER_DUE_MINUTES = 60;
/**
 * The zone of what has no office yet (online prints) and of an office recorded without one: the
 * installation's default, written once in db/time-zone.ts (the offices table's column default).
 */
export const DEFAULT_TIME_ZONE = DEFAULT_OFFICE_TIME_ZONE;

/** R14: decision within 20 minutes of presentation at the front desk; warning at 15. */
export function decisionClock(presentedAt: Date): { warnAt: Date; dueAt: Date } {
  const t = presentedAt.getTime();
  return { warnAt: new Date(t + DECISION_WARN_MINUTES * 60_000), dueAt: new Date(t + DECISION_DUE_MINUTES * 60_000) };
}

/**
 * R20: an annulment application is entered "within two calendar days" of receipt. The day of
 * receipt does not count; the two following calendar days do, so the entry is overdue from the
 * start of the third day in the office's zone: received Friday 23:50 -> overdue Monday 00:00.
 */
export function annulmentEntryDue(receivedAt: Date, timeZone: string): Date {
  const local = new TZDate(receivedAt.getTime(), timeZone);
  const due = addDays(startOfDay(local), 3);
  return new Date(due.getTime());
}

/**
 * The last calendar day (office zone, "yyyy-MM-dd") on which an entry due at `dueAt` is still on
 * time: the day before the due instant. People read «до 04.12.2026 00:00» as "by the 4th"; the
 * entry clock runs out as the 3rd ends, so pages and paper say «по 03.12.2026 включительно».
 */
export function entryLastDay(dueAt: Date, timeZone: string): string {
  return format(subDays(startOfDay(new TZDate(dueAt.getTime(), timeZone)), 1), "yyyy-MM-dd");
}

/** Drafts (and returned applications left behind) expire after a configurable period. */
export function draftExpiry(from: Date, ttlDays = DEFAULT_DRAFT_TTL_DAYS): Date {
  return new Date(from.getTime() + ttlDays * 86_400_000);
}

/** The calendar year of an instant in the office's zone (incoming numbers restart each year). */
export function officeYear(at: Date, timeZone: string): number {
  return new TZDate(at.getTime(), timeZone).getFullYear();
}

/** Start of the office's calendar day containing `at` (for "today's" queue). */
export function officeDayStart(at: Date, timeZone: string): Date {
  return new Date(startOfDay(new TZDate(at.getTime(), timeZone)).getTime());
}

export type DeadlineState = "ok" | "warning" | "overdue";

/** Warning for the entry clock: the last office day before it falls due. */
export const ENTRY_WARN_HOURS = 24;

export interface DeadlineRow {
  status: string;
  requestKind?: string;
  decisionWarnAt: Date | string | null;
  decisionDueAt: Date | string | null;
  entryDueAt: Date | string | null;
}

/** R20's clock as a page shows it: the warning one office day (ENTRY_WARN_HOURS) before it falls due. */
export function entryClock(dueAt: Date): { warnAt: Date; dueAt: Date } {
  return { warnAt: new Date(dueAt.getTime() - ENTRY_WARN_HOURS * 3_600_000), dueAt };
}

/**
 * R21, four eyes: a fictitious-activity proposal waits for a supervisor while the subject's access
 * is suspended; a warning after 4 hours, overdue after a day, so the approval never stalls.
 */
export const PROPOSAL_WARN_HOURS = 4;
export const PROPOSAL_DUE_HOURS = 24;

export function proposalClock(proposedAt: Date | string): { warnAt: Date; dueAt: Date } {
  const t = new Date(proposedAt).getTime();
  return { warnAt: new Date(t + PROPOSAL_WARN_HOURS * 3_600_000), dueAt: new Date(t + PROPOSAL_DUE_HOURS * 3_600_000) };
}

/** The state of any clock at `now`: overdue from its due instant, warning from its warning instant. */
export function clockState(clock: { warnAt: Date | string | null; dueAt: Date | string }, now: Date): DeadlineState {
  const t = now.getTime();
  if (t >= new Date(clock.dueAt).getTime()) return "overdue";
  return clock.warnAt !== null && t >= new Date(clock.warnAt).getTime() ? "warning" : "ok";
}

/** The clock state of an application at `now`: decision clock while open, entry clock for annulments. */
export function deadlineState(row: DeadlineRow, now: Date): DeadlineState {
  if (row.status === "accepted" && row.entryDueAt) return clockState(entryClock(new Date(row.entryDueAt)), now);
  if ((row.status === "presented" || row.status === "accepted") && row.decisionDueAt) {
    return clockState({ warnAt: row.decisionWarnAt, dueAt: row.decisionDueAt }, now);
  }
  return "ok";
}

/** From when a decision's copy still not handed over is listed on the office's board (R11). */
export function handOverDueAt(decidedAt: Date | string, dueMinutes: number): Date {
  return new Date(new Date(decidedAt).getTime() + dueMinutes * 60_000);
}

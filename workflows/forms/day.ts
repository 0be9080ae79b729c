import { format, isValid, parse } from "date-fns";
import { z } from "zod";

/**
 * Calendar days typed into forms (a power of attorney's date, an evidence document's date, a
 * report's period). The browser's date input sends `yyyy-MM-dd`; anything else, and any day that
 * does not exist (2026-13-45, 0000-00-00, 2025-02-29), is refused here rather than rolled over
 * into another day by `new Date` or refused later by the database with a 500.
 * See docs/decisions/048-forms-in-errors-out.md.
 */
export const DAY_FORMAT = "yyyy-MM-dd";
const DAY_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

/** No document of this service predates the Kyrgyz Republic's tax service (1991). */
export const EARLIEST_DAY = "1991-01-01";

/**
 * The calendar day `text` names, or null when it is not exactly `yyyy-MM-dd` or no such day
 * exists. date-fns parses with the exact pattern; the round trip refuses anything it had to
 * normalise (a day past the month's end, a one-digit month).
 */
export function parseDay(text: string): Date | null {
  if (!DAY_SHAPE.test(text)) return null;
  const at = parse(text, DAY_FORMAT, new Date(2000, 0, 1));
  return isValid(at) && format(at, DAY_FORMAT) === text ? at : null;
}

/**
 * The latest calendar day it is anywhere at `now` (UTC+14). A form check runs before the office
 * (and so its time zone) is known; bounding by the latest "today" never refuses a document dated
 * today wherever it was signed, and still refuses every later day.
 */
export function latestToday(now: Date): string {
  return new Date(now.getTime() + 14 * 60 * 60_000).toISOString().slice(0, 10);
}

export type DayProblem = "required" | "invalid" | "too_early" | "in_future";

/** What is wrong with a typed day, or null: the one rule every date field of every form applies. */
export function dayProblem(text: string | undefined, now: Date, earliest = EARLIEST_DAY): DayProblem | null {
  if (text === undefined || text === "") return "required";
  if (!parseDay(text)) return "invalid";
  if (text < earliest) return "too_early";
  if (text > latestToday(now)) return "in_future";
  return null;
}

/**
 * A zod field for a calendar day, kept as its `yyyy-MM-dd` text (what the database's `date` column
 * and the stored form hold). Messages are i18n keys `<key>.required|invalid|too_early|in_future`,
 * each naming the field in the page's language.
 */
export function dayField(key: string, clock: () => Date, earliest = EARLIEST_DAY) {
  return z.string({ message: `${key}.required` }).superRefine((text, ctx) => {
    const problem = dayProblem(text, clock(), earliest);
    if (problem) ctx.addIssue({ code: "custom", message: `${key}.${problem}` });
  });
}

/** An optional period filter (`from`, `to`): empty means "not given", anything else must be a day. */
export function periodSchema(key: string, clock: () => Date) {
  return z.object({ from: dayField(`${key}.from`, clock).optional(), to: dayField(`${key}.to`, clock).optional() });
}

import { format } from "date-fns";
import { isWorkflowError } from "../../workflows/errors";
import { periodSchema } from "../../workflows/forms";
import { isUuid } from "../../workflows/lifecycle/ids";
import { dayStart, type JournalFilters } from "../../workflows/subject";
import { OFFICE_TIME_ZONE } from "./dates";
import { fieldMessages } from "./errors.server";
import { parseForm } from "./forms";

export const JOURNAL_FILTERS = ["office", "role", "action", "inn", "actor", "from", "to"] as const;
export type JournalQuery = Record<(typeof JOURNAL_FILTERS)[number], string>;

/**
 * The administrator's journal filter as a request states it: the page and its download read it
 * here (decision 066), so the file holds exactly the entries the filter shows, page after page.
 * An INN that is not 14 digits and a period field that does not parse are left out (and said).
 */
export function journalFiltersOf(url: URL): { q: JournalQuery; filters: JournalFilters; fields: Record<string, string>; innInvalid: boolean } {
  const q = Object.fromEntries(JOURNAL_FILTERS.map((k) => [k, (url.searchParams.get(k) ?? "").trim().slice(0, 100)])) as JournalQuery;
  const nextDay = (day: string) => format(new Date(new Date(`${day}T12:00:00Z`).getTime() + 86_400_000), "yyyy-MM-dd");
  let period: { from?: string; to?: string } = {};
  let fields: Record<string, string> = {};
  try {
    period = parseForm(url.searchParams, periodSchema("admin.errors", () => new Date()));
  } catch (error) {
    if (!isWorkflowError(error)) throw error;
    fields = fieldMessages(error, "journal:");
  }
  const inn = q.inn.replace(/[\s-]/g, "");
  const filters: JournalFilters = {
    officeCode: q.office || null,
    actorRole: q.role || null,
    action: q.action || null,
    inn: /^\d{14}$/.test(inn) ? inn : null,
    // A staff member's id, from their audit page's link (decision 068); anything else selects no one.
    actorId: q.actor ? (isUuid(q.actor) ? q.actor : "00000000-0000-0000-0000-000000000000") : null,
    from: period.from ? dayStart(period.from, OFFICE_TIME_ZONE) : null,
    to: period.to ? dayStart(nextDay(period.to), OFFICE_TIME_ZONE) : null,
  };
  return { q, filters, fields, innInvalid: q.inn !== "" && filters.inn === null };
}

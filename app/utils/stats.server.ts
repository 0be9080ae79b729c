import { TZDate } from "@date-fns/tz";
import { format, subDays } from "date-fns";
import { isWorkflowError } from "../../workflows/errors";
import { periodSchema } from "../../workflows/forms";
import { statisticsFigures, statisticsSeenBy, type StatisticsFigures } from "../../workflows/subject";
import { jurisdictionOf } from "../../workflows/subject/jurisdiction";
import type { StaffContext } from "./auth.server";
import { db } from "./db.server";
import { fieldMessages } from "./errors.server";
import { officeOfRequest, readInSight } from "./jurisdiction.server";
import { parseForm } from "./forms";

export interface StatisticsOfRequest {
  /** The office asked for (`?office=`), or "" for every office the supervisor sees. */
  office: string;
  /** The offices the supervisor may choose from (decision 067): their own only, a region's, or all. */
  offices: { code: string; name: string }[];
  from: string;
  to: string;
  /** Null when the period was refused (status 400). */
  figures: StatisticsFigures | null;
  error: "badPeriod" | null;
  fields: Record<string, string>;
  status: 200 | 400;
}

/**
 * The supervisor's statistics for the period a request asks (`from`, `to`; the last 14 days of
 * their own office by default), of the offices they see (decision 067): one of them by `office`,
 * or all of them. The page and its downloads both read the request through here (decision 066),
 * so a download holds the offices, the period and the figures on screen.
 */
export async function statisticsOfRequest(request: Request, staff: StaffContext): Promise<StatisticsOfRequest> {
  const database = await db();
  const scope = await jurisdictionOf(database, staff.actor);
  const url = new URL(request.url);
  const asked = url.searchParams.get("office") || null;
  // An office out of sight answers 403 before anything is read (statisticsSeenBy checks it again).
  if (asked) officeOfRequest(scope, asked);
  const office = scope.offices.length === 1 ? scope.home : (asked ?? "");
  const offices = scope.offices.map((o) => ({ code: o.code, name: o.name }));
  const today = format(new TZDate(Date.now(), officeOfRequest(scope, null).timeZone), "yyyy-MM-dd");
  const fallback = { from: format(subDays(new Date(`${today}T12:00:00Z`), 13), "yyyy-MM-dd"), to: today };
  let period: { from?: string; to?: string };
  try {
    period = parseForm(url.searchParams, periodSchema("stats.errors", () => new Date()));
  } catch (error) {
    if (!isWorkflowError(error)) throw error;
    return { office, offices, ...fallback, figures: null, error: null, fields: fieldMessages(error, "supervisor:"), status: 400 };
  }
  const from = period.from ?? fallback.from;
  const to = period.to ?? fallback.to;
  try {
    const figures = statisticsFigures(await readInSight(statisticsSeenBy(database, staff.actor, asked, { from, to })));
    return { office, offices, from, to, figures, error: null, fields: {}, status: 200 };
  } catch (error) {
    if (isWorkflowError(error) && error.code === "validation") return { office, offices, from, to, figures: null, error: "badPeriod", fields: {}, status: 400 };
    throw error;
  }
}

import { TZDate } from "@date-fns/tz";
import { format, subDays } from "date-fns";
import { eq } from "drizzle-orm";
import { offices } from "../../db/schema";
import { isWorkflowError } from "../../workflows/errors";
import { periodSchema } from "../../workflows/forms";
import { officeStatistics, statisticsFigures, type StatisticsFigures } from "../../workflows/subject";
import type { StaffContext } from "./auth.server";
import { OFFICE_TIME_ZONE } from "./dates";
import { db } from "./db.server";
import { fieldMessages } from "./errors.server";
import { parseForm } from "./forms";

export interface StatisticsOfRequest {
  office: string;
  from: string;
  to: string;
  /** Null when the period was refused (status 400). */
  figures: StatisticsFigures | null;
  error: "badPeriod" | null;
  fields: Record<string, string>;
  status: 200 | 400;
}

/**
 * The supervisor's statistics for the period a request asks (`from`, `to`; the last 14 days of the
 * office by default), always of the supervisor's own office. The page and its downloads both read
 * the request through here (decision 066), so a download holds the period and the figures on screen.
 */
export async function statisticsOfRequest(request: Request, staff: StaffContext): Promise<StatisticsOfRequest> {
  const database = await db();
  const office = staff.user.officeCode!;
  const [row] = await database.select({ timeZone: offices.timeZone }).from(offices).where(eq(offices.code, office));
  const timeZone = row?.timeZone ?? OFFICE_TIME_ZONE;
  const today = format(new TZDate(Date.now(), timeZone), "yyyy-MM-dd");
  const url = new URL(request.url);
  const fallback = { from: format(subDays(new Date(`${today}T12:00:00Z`), 13), "yyyy-MM-dd"), to: today };
  let period: { from?: string; to?: string };
  try {
    period = parseForm(url.searchParams, periodSchema("stats.errors", () => new Date()));
  } catch (error) {
    if (!isWorkflowError(error)) throw error;
    return { office, ...fallback, figures: null, error: null, fields: fieldMessages(error, "supervisor:"), status: 400 };
  }
  const from = period.from ?? fallback.from;
  const to = period.to ?? fallback.to;
  try {
    const figures = statisticsFigures(await officeStatistics(database, office, { from, to }, timeZone));
    return { office, from, to, figures, error: null, fields: {}, status: 200 };
  } catch (error) {
    if (isWorkflowError(error) && error.code === "validation") return { office, from, to, figures: null, error: "badPeriod", fields: {}, status: 400 };
    throw error;
  }
}

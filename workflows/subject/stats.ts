import { TZDate } from "@date-fns/tz";
import { addDays, differenceInCalendarDays, format, parseISO } from "date-fns";
import { sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../../db/client";
import { WorkflowError } from "../errors";
import { parseDay } from "../forms/day";

export interface DayStats {
  /** The office's calendar day, "yyyy-MM-dd". */
  day: string;
  decided: number;
  /** Decided within 20 minutes of presentation (R14). */
  onTime: number;
  granted: number;
  refused: number;
  /** Mean seconds from presentation to decision; null on a day without decisions. */
  averageSeconds: number | null;
}

export interface OfficeStatistics {
  officeCode: string;
  from: string;
  to: string;
  days: DayStats[];
  totals: { decided: number; onTime: number; granted: number; refused: number; averageSeconds: number | null };
  refusalsByGround: { ground: string; count: number }[];
}

export const MAX_PERIOD_DAYS = 366;

/** The instant an office calendar day starts. */
export function dayStart(day: string, timeZone: string): Date {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(new TZDate(y, m - 1, d, 0, 0, 0, timeZone).getTime());
}

/**
 * Statistics of one office for the calendar days `from`..`to` (inclusive, office time): per day
 * the decisions, the share within 20 minutes, outcomes and the mean time to decision; refusals by
 * R9 ground. Aggregated in the database over the decisions index (office, decided_at).
 */
export async function officeStatistics(db: DbOrTx, officeCode: string, period: { from: string; to: string }, timeZone: string): Promise<OfficeStatistics> {
  if (!parseDay(period.from) || !parseDay(period.to)) throw new WorkflowError("validation", "stats.bad_period");
  const span = differenceInCalendarDays(parseISO(period.to), parseISO(period.from));
  if (span < 0 || span >= MAX_PERIOD_DAYS) throw new WorkflowError("validation", "stats.bad_period");
  const start = dayStart(period.from, timeZone);
  const end = dayStart(format(addDays(parseISO(period.to), 1), "yyyy-MM-dd"), timeZone);
  const rows = await queryRows<{ day: string; decided: number; on_time: number; granted: number; refused: number; seconds: number | null }>(
    db,
    sql`select to_char(d.decided_at at time zone ${timeZone}, 'YYYY-MM-DD') as day,
          count(*)::int as decided,
          -- Late is what the act or the sweeper recorded (workflows/clock/lateness.ts), never recomputed here.
          (count(*) filter (where a.overdue_recorded_at is null))::int as on_time,
          (count(*) filter (where d.outcome = 'granted'))::int as granted,
          (count(*) filter (where d.outcome = 'refused'))::int as refused,
          sum(extract(epoch from d.decided_at - a.presented_at))::float8 as seconds
        from decisions d join applications a on a.id = d.application_id
        where d.office_code = ${officeCode} and d.decided_at >= ${start.toISOString()}::timestamptz and d.decided_at < ${end.toISOString()}::timestamptz
        group by 1 order by 1`,
  );
  const grounds = await queryRows<{ ground: string; count: number }>(
    db,
    sql`select g->>'ground' as ground, count(*)::int as count
        from decisions d cross join lateral jsonb_array_elements(d.grounds) g
        where d.office_code = ${officeCode} and d.outcome = 'refused'
          and d.decided_at >= ${start.toISOString()}::timestamptz and d.decided_at < ${end.toISOString()}::timestamptz
        group by 1 order by 2 desc, 1`,
  );
  const byDay = new Map(rows.map((r) => [r.day, r]));
  const days: DayStats[] = [];
  let seconds = 0;
  const totals = { decided: 0, onTime: 0, granted: 0, refused: 0, averageSeconds: null as number | null };
  for (let i = 0; i <= span; i++) {
    const day = format(addDays(parseISO(period.from), i), "yyyy-MM-dd");
    const r = byDay.get(day);
    const decided = Number(r?.decided ?? 0);
    const daySeconds = r?.seconds === null || r?.seconds === undefined ? null : Number(r.seconds);
    days.push({
      day,
      decided,
      onTime: Number(r?.on_time ?? 0),
      granted: Number(r?.granted ?? 0),
      refused: Number(r?.refused ?? 0),
      averageSeconds: decided > 0 && daySeconds !== null ? daySeconds / decided : null,
    });
    totals.decided += decided;
    totals.onTime += Number(r?.on_time ?? 0);
    totals.granted += Number(r?.granted ?? 0);
    totals.refused += Number(r?.refused ?? 0);
    seconds += daySeconds ?? 0;
  }
  totals.averageSeconds = totals.decided > 0 ? seconds / totals.decided : null;
  return { officeCode, from: period.from, to: period.to, days, totals, refusalsByGround: grounds.map((g) => ({ ground: g.ground, count: Number(g.count) })) };
}

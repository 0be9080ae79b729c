import { TZDate } from "@date-fns/tz";
import { addDays, differenceInCalendarDays, format, parseISO } from "date-fns";
import { sql } from "drizzle-orm";
import { queryRows, type Db, type DbOrTx } from "../../db/client";
import type { Actor, StaffActor } from "../actor";
import { WorkflowError } from "../errors";
import { appendJournal } from "../journal";
import { parseDay } from "../forms/day";
import { requireOfficeStaff } from "../lifecycle/office";
import { jurisdictionOf, officeInScope } from "./jurisdiction";

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

export interface Counts {
  decided: number;
  onTime: number;
  granted: number;
  refused: number;
  averageSeconds: number | null;
}

export interface OfficeStatistics {
  /** What the figures cover: an office's code, or the offices' codes joined (decision 067). */
  officeCode: string;
  officeCodes: string[];
  from: string;
  to: string;
  days: DayStats[];
  totals: Counts;
  refusalsByGround: { ground: string; count: number }[];
  /** The same figures per office, and per inspector within an office (who decided, where). */
  byOffice: ({ officeCode: string } & Counts)[];
  byInspector: ({ officeCode: string; inspectorId: string; inspectorName: string } & Counts)[];
}

export const MAX_PERIOD_DAYS = 366;

/** The instant an office calendar day starts. */
export function dayStart(day: string, timeZone: string): Date {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(new TZDate(y, m - 1, d, 0, 0, 0, timeZone).getTime());
}

/** An office whose decisions are counted, with the zone its calendar days are in. */
export interface CountedOffice {
  code: string;
  timeZone: string;
}

/**
 * Statistics of one office for the calendar days `from`..`to` (inclusive, office time): per day
 * the decisions, the share within 20 minutes, outcomes and the mean time to decision; refusals by
 * R9 ground.
 */
export function officeStatistics(db: DbOrTx, officeCode: string, period: { from: string; to: string }, timeZone: string): Promise<OfficeStatistics> {
  return statistics(db, [{ code: officeCode, timeZone }], period);
}

const SET = { day: 0b011, office: 0b101, inspector: 0b100, total: 0b111 } as const;

type Row = { set: number; day: string | null; office: string | null; inspector: string | null; name: string | null; decided: number; on_time: number; granted: number; refused: number; seconds: number | null };

const countsOf = (r: Row | undefined): Counts => {
  const decided = Number(r?.decided ?? 0);
  const seconds = r?.seconds === null || r?.seconds === undefined ? null : Number(r.seconds);
  return {
    decided,
    onTime: Number(r?.on_time ?? 0),
    granted: Number(r?.granted ?? 0),
    refused: Number(r?.refused ?? 0),
    averageSeconds: decided > 0 && seconds !== null ? seconds / decided : null,
  };
};

/**
 * A supervisor's statistics (decision 067): of the office asked, if they see it, or of every office
 * they see. The scope is read and checked here (decision 074), whatever the page checked before.
 */
export async function statisticsSeenBy(db: Db, actor: Actor, asked: string | null, period: { from: string; to: string }): Promise<OfficeStatistics> {
  const staff = requireOfficeStaff(actor, ["supervisor"]);
  const scope = await jurisdictionOf(db, staff);
  const counted = asked ? [officeInScope(scope, asked)] : scope.offices;
  return statistics(db, counted.map((o) => ({ code: o.code, timeZone: o.timeZone })), period);
}

/**
 * The same figures over several offices (a region, the country: decision 067), each counted in its
 * own calendar days, and broken down per office and per inspector. One statement: each office's
 * period is a range of the decisions index (office, decided_at), and grouping sets give the days,
 * the offices, the inspectors and the total from that one scan.
 */
export async function statistics(db: DbOrTx, counted: CountedOffice[], period: { from: string; to: string }): Promise<OfficeStatistics> {
  if (!parseDay(period.from) || !parseDay(period.to)) throw new WorkflowError("validation", "stats.bad_period");
  const span = differenceInCalendarDays(parseISO(period.to), parseISO(period.from));
  if (span < 0 || span >= MAX_PERIOD_DAYS) throw new WorkflowError("validation", "stats.bad_period");
  const after = format(addDays(parseISO(period.to), 1), "yyyy-MM-dd");
  // Each office's period in its own zone, as instants (dayStart: the one rule for where a day begins).
  const ranges = counted.map((o) => ({ code: o.code, start: dayStart(period.from, o.timeZone).toISOString(), end: dayStart(after, o.timeZone).toISOString(), zone: o.timeZone }));
  const officeCodes = counted.map((o) => o.code);
  const empty: OfficeStatistics = { officeCode: officeCodes.join(", "), officeCodes, from: period.from, to: period.to, days: [], totals: countsOf(undefined), refusalsByGround: [], byOffice: [], byInspector: [] };
  const scope = sql`select * from jsonb_to_recordset(${JSON.stringify(ranges)}::jsonb) as r(code text, start timestamptz, "end" timestamptz, zone text)`;
  // Each office's decisions as a range of the index (office_code, decided_at): a lateral subquery
  // kept apart by `offset 0`. A plain join, or a lateral one the planner flattens, let it read the
  // whole decisions table for a fortnight of 50 offices (regional-stats benchmark, query plans).
  const inPeriod = sql`cross join lateral (select * from decisions where office_code = r.code and decided_at >= r.start and decided_at < r."end" offset 0) d`;
  // One statement, one pass over the period's decisions (materialized once), two answers: the
  // figures by grouping sets (kind 'f') and the refusals by ground (kind 'g').
  const all = counted.length === 0 ? [] : await queryRows<Row & { kind: "f" | "g"; ground: string | null }>(
    db,
    sql`with d as materialized (
          select r.zone, d.office_code, d.decided_by, d.decided_at, d.outcome, d.grounds, a.presented_at, a.overdue_recorded_at
          from (${scope}) r
          ${inPeriod}
          join applications a on a.id = d.application_id
        )
        select 'f' as kind, grouping(to_char(d.decided_at at time zone d.zone, 'YYYY-MM-DD'), d.office_code, d.decided_by::text)::int as set,
          to_char(d.decided_at at time zone d.zone, 'YYYY-MM-DD') as day, d.office_code as office, d.decided_by::text as inspector, min(s.full_name) as name,
          null::text as ground,
          count(*)::int as decided,
          -- Late is what the act or the sweeper recorded (workflows/clock/lateness.ts), never recomputed here.
          (count(*) filter (where d.overdue_recorded_at is null))::int as on_time,
          (count(*) filter (where d.outcome = 'granted'))::int as granted,
          (count(*) filter (where d.outcome = 'refused'))::int as refused,
          sum(extract(epoch from d.decided_at - d.presented_at))::float8 as seconds
        from d
        left join staff_users s on s.id = d.decided_by
        group by grouping sets ((3), (4), (4, 5), ())
        union all
        select 'g', null, null, null, null, null, g->>'ground', count(*)::int, null, null, null, null
        from d cross join lateral jsonb_array_elements(d.grounds) g
        where d.outcome = 'refused'
        group by g->>'ground'`,
  );
  const rows = all.filter((r) => r.kind === "f");
  const grounds = all
    .filter((r) => r.kind === "g")
    .map((r) => ({ ground: r.ground!, count: Number(r.decided) }))
    .sort((x, y) => y.count - x.count || x.ground.localeCompare(y.ground));
  // grouping(): a bit set per column left out of the row's set (day 4, office 2, inspector 1).
  const inSet = (set: number) => rows.filter((r) => Number(r.set) === set);
  const byDay = new Map(inSet(SET.day).map((r) => [r.day, r]));
  const days: DayStats[] = [];
  for (let i = 0; i <= span; i++) {
    const day = format(addDays(parseISO(period.from), i), "yyyy-MM-dd");
    days.push({ day, ...countsOf(byDay.get(day)) });
  }
  const total = inSet(SET.total)[0];
  const offices = inSet(SET.office);
  const inspectors = inSet(SET.inspector);
  return {
    ...empty,
    days,
    totals: countsOf(total),
    refusalsByGround: grounds.map((g) => ({ ground: g.ground, count: Number(g.count) })),
    // Every office counted has a row, with or without decisions, in the order asked.
    byOffice: officeCodes.map((code) => ({ officeCode: code, ...countsOf(offices.find((r) => r.office === code)) })),
    byInspector: inspectors
      .map((r) => ({ officeCode: r.office!, inspectorId: r.inspector ?? "", inspectorName: r.name ?? "—", ...countsOf(r) }))
      .sort((a, b) => a.officeCode.localeCompare(b.officeCode) || b.decided - a.decided || a.inspectorName.localeCompare(b.inspectorName)),
  };
}

/**
 * A download of the statistics is journaled (decision 067): with the per-inspector table it names
 * staff and their figures, and a regional or national supervisor can take those of many offices.
 * Written in the supervisor's own office's chain, before the file is sent.
 */
export async function recordStatisticsExport(db: Db, actor: StaffActor, what: { offices: string[]; from: string; to: string; format: string }, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    await appendJournal(tx, { actor, officeCode: actor.officeCode, action: "stats.exported", entityType: "statistics", after: { ...what, exportedAt: now.toISOString() } });
  });
}

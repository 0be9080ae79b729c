import type { OfficeStatistics } from "./stats";

/**
 * The figures of the statistics page, computed once: the page, its charts and its downloads
 * (decision 066) all show these, so a CSV can never round a share differently from the screen.
 * It imports no runtime code: the page component renders from it in the browser bundle too.
 */
export interface Figures {
  decided: number;
  onTime: number;
  /** Whole per cent of decisions within 20 minutes; null without decisions. */
  onTimeShare: number | null;
  granted: number;
  refused: number;
  /** Mean minutes from presentation to decision, to a tenth; null without decisions. */
  averageMinutes: number | null;
}

export interface DayFigures extends Figures {
  /** The office's calendar day, "yyyy-MM-dd". */
  day: string;
}

export interface StatisticsFigures {
  officeCode: string;
  officeCodes: string[];
  from: string;
  to: string;
  days: DayFigures[];
  totals: Figures;
  refusalsByGround: { ground: string; count: number }[];
  /** Per office and per inspector (decision 067): the same figures, the same rounding. */
  byOffice: ({ officeCode: string } & Figures)[];
  byInspector: ({ officeCode: string; inspectorId: string; inspectorName: string } & Figures)[];
}

export function onTimeShare(onTime: number, decided: number): number | null {
  return decided === 0 ? null : Math.round((onTime / decided) * 100);
}

export function averageMinutes(seconds: number | null): number | null {
  return seconds === null ? null : Math.round((seconds / 60) * 10) / 10;
}

function figuresOf(s: { decided: number; onTime: number; granted: number; refused: number; averageSeconds: number | null }): Figures {
  return {
    decided: s.decided,
    onTime: s.onTime,
    onTimeShare: onTimeShare(s.onTime, s.decided),
    granted: s.granted,
    refused: s.refused,
    averageMinutes: averageMinutes(s.averageSeconds),
  };
}

export function statisticsFigures(stats: OfficeStatistics): StatisticsFigures {
  return {
    officeCode: stats.officeCode,
    officeCodes: stats.officeCodes,
    from: stats.from,
    to: stats.to,
    days: stats.days.map((d) => ({ day: d.day, ...figuresOf(d) })),
    totals: figuresOf(stats.totals),
    refusalsByGround: stats.refusalsByGround,
    byOffice: stats.byOffice.map((o) => ({ officeCode: o.officeCode, ...figuresOf(o) })),
    byInspector: stats.byInspector.map((i) => ({ officeCode: i.officeCode, inspectorId: i.inspectorId, inspectorName: i.inspectorName, ...figuresOf(i) })),
  };
}

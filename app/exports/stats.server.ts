import type { TFunction } from "i18next";
import type { Figures, StatisticsFigures } from "../../workflows/subject";
import type { Cell, Column, Sheet } from "./table.server";

const figureCells = (f: Figures): Cell[] => [f.decided, f.onTime, f.onTimeShare, f.granted, f.refused, f.averageMinutes];

/**
 * The statistics page as two tables (decision 066): the per-day table with the period's totals
 * under it (the page's summary figures), and the refusals by ground. Headers and ground names are
 * the page's own keys (`supervisor` namespace); the numbers are the page's, from statisticsFigures.
 * A day or a share without decisions is an empty cell where the page shows "—".
 */
export function statisticsSheets(figures: StatisticsFigures, t: TFunction): Sheet[] {
  const columns: Column[] = [
    { header: t("supervisor:stats.day"), numFmt: "dd.mm.yyyy", width: 12 },
    { header: t("supervisor:stats.decided") },
    { header: t("supervisor:stats.onTime") },
    // The page writes "85%" in the cell; a spreadsheet gets the number and the unit in the header.
    { header: `${t("supervisor:stats.onTimeShare")}, %` },
    { header: t("supervisor:stats.granted") },
    { header: t("supervisor:stats.refused") },
    { header: t("supervisor:stats.averageMinutes") },
  ];
  return [
    {
      name: t("supervisor:stats.tableTitle"),
      columns,
      batches: [figures.days.map((d) => [{ wall: d.day }, ...figureCells(d)])],
      footer: [[t("supervisor:stats.export.total"), ...figureCells(figures.totals)]],
    },
    {
      name: t("supervisor:stats.groundsTitle"),
      columns: [{ header: t("supervisor:stats.export.ground"), width: 36 }, { header: t("supervisor:stats.refused") }],
      batches: [figures.refusalsByGround.map((g) => [t(`supervisor:stats.grounds.${g.ground}`, { defaultValue: g.ground }), g.count])],
    },
    // Decision 067, after the page's own tables: the per-office table when several offices are counted, and the per-inspector one.
    ...(figures.byOffice.length > 1
      ? [{ name: t("supervisor:stats.byOfficeTitle"), columns: [{ header: t("supervisor:scope.office") }, ...columns.slice(1)], batches: [figures.byOffice.map((o) => [o.officeCode, ...figureCells(o)])] }]
      : []),
    {
      name: t("supervisor:stats.byInspectorTitle"),
      columns: [{ header: t("supervisor:stats.inspector"), width: 36 }, { header: t("supervisor:scope.office") }, ...columns.slice(1)],
      batches: [figures.byInspector.map((i) => [i.inspectorName, i.officeCode, ...figureCells(i)])],
    },
  ];
}

/** The file's name: the word in the user's language, the office and the period; an ASCII twin for old clients. */
export function statisticsFileName(figures: StatisticsFigures, t: TFunction): { stem: string; asciiStem: string } {
  const offices = figures.officeCodes.length === 1 ? figures.officeCodes[0] : `${figures.officeCodes.length}`;
  const tail = `${offices}-${figures.from}-${figures.to}`;
  return { stem: `${t("supervisor:stats.export.file")}-${tail}`, asciiStem: `statistics-${tail}` };
}

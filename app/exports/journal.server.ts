import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import type { TFunction } from "i18next";
import type { StaffJournalEntry } from "../../workflows/subject";
import { actionLabel } from "~/components/journal-table";
import type { Cell, Sheet } from "./table.server";

const clocks = new Map<string, Intl.DateTimeFormat>();

/**
 * An instant as the office's wall clock, "yyyy-MM-dd HH:mm:ss": what a spreadsheet sorts and
 * filters. Through one cached Intl formatter per zone: a download formats every entry.
 */
export function wallTime(at: Date, timeZone: string): string {
  let clock = clocks.get(timeZone);
  if (!clock) {
    clock = new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23", numberingSystem: "latn" });
    clocks.set(timeZone, clock);
  }
  const p: Record<string, string> = {};
  for (const part of clock.formatToParts(at)) p[part.type] = part.value;
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

/**
 * The administrator's journal table as a sheet (decision 066): the page's columns, headers and
 * words — the action's label from the `journal` namespace (actionLabel, as the page), the role's
 * from `journal:roles` — with the change split into before and after. Pages of entries become
 * batches of rows as they are read.
 */
export function journalSheet(pages: AsyncIterable<StaffJournalEntry[]>, t: TFunction, timeZone: string): Sheet {
  const row = (e: StaffJournalEntry): Cell[] => [
    { wall: wallTime(e.at, timeZone) },
    actionLabel(t, e.action),
    e.officeCode ?? t("journal:noOffice"),
    t(`journal:roles.${e.role}`, { defaultValue: e.role }),
    e.actorName,
    e.subjectInn,
    json(e.before),
    json(e.after),
    `${e.chain}#${e.seq}`,
  ];
  const change = t("journal:columns.change");
  return {
    name: t("journal:admin.title"),
    columns: [
      { header: `${t("journal:columns.at")} (${timeZone})`, numFmt: "dd.mm.yyyy hh:mm:ss", width: 20 },
      { header: t("journal:columns.event"), width: 40 },
      { header: t("journal:columns.office"), width: 14 },
      { header: t("journal:columns.role"), width: 16 },
      { header: t("journal:columns.actor"), width: 24 },
      { header: t("journal:columns.inn"), width: 16 },
      { header: `${change}: ${t("journal:columns.before")}`, width: 40 },
      { header: `${change}: ${t("journal:columns.after")}`, width: 40 },
      { header: t("journal:columns.seq"), width: 12 },
    ],
    batches: (async function* () {
      for await (const page of pages) yield page.map(row);
    })(),
  };
}

/** The file's name: the word in the user's language and the moment of the download in the office's zone. */
export function journalFileName(now: Date, timeZone: string, t: TFunction): { stem: string; asciiStem: string } {
  const stamp = format(new TZDate(now.getTime(), timeZone), "yyyy-MM-dd-HHmm");
  return { stem: `${t("journal:admin.export.file")}-${stamp}`, asciiStem: `journal-${stamp}` };
}

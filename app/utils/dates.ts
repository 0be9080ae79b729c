import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import { enGB, ru } from "date-fns/locale";
import { DEFAULT_TIME_ZONE, entryLastDay } from "../../workflows/clock/deadlines";

/**
 * The zone when no office is known (workflows/clock): an online draft, an administrator. Every
 * formatter below takes the zone as a required argument, so a page cannot fall back to it unawares;
 * pages get bound formatters from `useFormat()` (app/utils/format.ts).
 */
export const OFFICE_TIME_ZONE = DEFAULT_TIME_ZONE;

/** An instant as the office reads it: its own time zone, whatever the server's or browser's. */
export function formatInstant(at: string | Date | null | undefined, lng: string, timeZone: string): string {
  if (!at) return "—";
  return format(new TZDate(new Date(at).getTime(), timeZone), "dd.MM.yyyy HH:mm", { locale: lng === "en" ? enGB : ru });
}

export function formatDate(at: string | Date | null | undefined, lng: string, timeZone: string): string {
  if (!at) return "—";
  return format(new TZDate(new Date(at).getTime(), timeZone), "dd.MM.yyyy", { locale: lng === "en" ? enGB : ru });
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * The annulment entry deadline as people read it: the last calendar day, inclusive, in the office's
 * zone («по 03.12.2026 включительно»), never the due instant («до 04.12.2026 00:00» reads as "by the
 * 4th"). The one way every page and paper shows it.
 */
export function formatEntryDeadline(t: Translate, dueAt: string | Date | null | undefined, timeZone: string): string {
  if (!dueAt) return "—";
  const [y, m, d] = entryLastDay(new Date(dueAt), timeZone).split("-");
  return t("common:deadlines.entryLastDay", { date: `${d}.${m}.${y}` });
}

export type Formatters = {
  /** The zone the page reads instants in. */
  timeZone: string;
  instant: (at: string | Date | null | undefined) => string;
  date: (at: string | Date | null | undefined) => string;
  entryDeadline: (t: Translate, dueAt: string | Date | null | undefined) => string;
};

/** The formatters of one page: its language and the zone of the office it speaks for. */
export function formattersFor(lng: string, timeZone: string | null | undefined): Formatters {
  const zone = timeZone || OFFICE_TIME_ZONE;
  return {
    timeZone: zone,
    instant: (at) => formatInstant(at, lng, zone),
    date: (at) => formatDate(at, lng, zone),
    entryDeadline: (t, dueAt) => formatEntryDeadline(t, dueAt, zone),
  };
}

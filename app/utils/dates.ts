import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import { enGB, ru } from "date-fns/locale";
import { DEFAULT_TIME_ZONE, entryLastDay } from "../../workflows/clock/deadlines";

/** The zone when no office is known (workflows/clock); pages pass the office's own when there is one. */
export const OFFICE_TIME_ZONE = DEFAULT_TIME_ZONE;

/** An instant as the office reads it: its own time zone, whatever the server's or browser's. */
export function formatInstant(at: string | Date | null | undefined, lng: string, timeZone = OFFICE_TIME_ZONE): string {
  if (!at) return "—";
  return format(new TZDate(new Date(at).getTime(), timeZone), "dd.MM.yyyy HH:mm", { locale: lng === "en" ? enGB : ru });
}

export function formatDate(at: string | Date | null | undefined, lng: string, timeZone = OFFICE_TIME_ZONE): string {
  if (!at) return "—";
  return format(new TZDate(new Date(at).getTime(), timeZone), "dd.MM.yyyy", { locale: lng === "en" ? enGB : ru });
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * The annulment entry deadline as people read it: the last calendar day, inclusive, in the office's
 * zone («по 03.12.2026 включительно»), never the due instant («до 04.12.2026 00:00» reads as "by the
 * 4th"). The one way every page and paper shows it.
 */
export function formatEntryDeadline(t: Translate, dueAt: string | Date | null | undefined, timeZone = OFFICE_TIME_ZONE): string {
  if (!dueAt) return "—";
  const [y, m, d] = entryLastDay(new Date(dueAt), timeZone).split("-");
  return t("common:deadlines.entryLastDay", { date: `${d}.${m}.${y}` });
}

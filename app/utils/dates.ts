import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import { enGB, ru } from "date-fns/locale";

export const OFFICE_TIME_ZONE = "Asia/Bishkek";

/** An instant as the office reads it: its own time zone, whatever the server's or browser's. */
export function formatInstant(at: string | Date | null | undefined, lng: string, timeZone = OFFICE_TIME_ZONE): string {
  if (!at) return "—";
  return format(new TZDate(new Date(at).getTime(), timeZone), "dd.MM.yyyy HH:mm", { locale: lng === "en" ? enGB : ru });
}

export function formatDate(at: string | Date | null | undefined, lng: string, timeZone = OFFICE_TIME_ZONE): string {
  if (!at) return "—";
  return format(new TZDate(new Date(at).getTime(), timeZone), "dd.MM.yyyy", { locale: lng === "en" ? enGB : ru });
}

import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import { ru } from "date-fns/locale";

const dateOnly = /^\d{4}-\d{2}-\d{2}$/;

function inZone(value: string, tz: string): TZDate {
  // A calendar date (evidence date, birth date) has no zone: show it as written.
  if (dateOnly.test(value)) {
    const [y, m, d] = value.split("-").map(Number);
    return new TZDate(y, m - 1, d, tz);
  }
  return new TZDate(new Date(value).getTime(), tz);
}

/** «5 марта 2026 г.» in the office's time zone. */
export function longDate(value: string, tz: string): string {
  return format(inZone(value, tz), "d MMMM yyyy 'г.'", { locale: ru });
}

/** «05.03.2026». */
export function shortDate(value: string, tz: string): string {
  return format(inZone(value, tz), "dd.MM.yyyy", { locale: ru });
}

/** «05.03.2026 14:07» in the office's time zone. */
export function dateTime(value: string, tz: string): string {
  return format(inZone(value, tz), "dd.MM.yyyy HH:mm", { locale: ru });
}

/** «05.03.2026» for a calendar date written "yyyy-MM-dd" (a document's own date): no zone applies. */
export function calendarDate(value: string): string {
  const [y, m, d] = value.split("-");
  return `${d}.${m}.${y}`;
}

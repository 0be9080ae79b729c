import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import { ru } from "date-fns/locale";
import type { EvidenceRef, PaperLanguage } from "./types";

/**
 * Every date on paper is written here (decision 056). Dates and times inside the text are numeric,
 * «05.03.2026 14:07», the same in Kyrgyz and Russian, so they are printed once; only the document's
 * own date on its number line is written out in words, once per language.
 */

const dateOnly = /^\d{4}-\d{2}-\d{2}$/;

function inZone(value: string, tz: string): TZDate {
  // A calendar date (evidence date, birth date) has no zone: show it as written.
  if (dateOnly.test(value)) {
    const [y, m, d] = value.split("-").map(Number);
    return new TZDate(y, m - 1, d, tz);
  }
  return new TZDate(new Date(value).getTime(), tz);
}

/**
 * The month as Kyrgyz acts write it after the day, «5-марты», «7-июну» (possessive, as in
 * «2017-жылдын 13-декабрындагы»). CLDR's Kyrgyz long date (Intl: «2026-ж., 5-март») is the
 * abbreviated reference form, not the one documents use; date-fns has no Kyrgyz locale.
 */
const KY_MONTHS = ["январы", "февралы", "марты", "апрели", "майы", "июну", "июлу", "августу", "сентябры", "октябры", "ноябры", "декабры"] as const;

/** «5 марта 2026 г.», «2026-жылдын 5-марты» in the office's time zone. */
export function longDate(value: string, tz: string, lang: PaperLanguage): string {
  const d = inZone(value, tz);
  if (lang === "ky") return `${d.getFullYear()}-жылдын ${d.getDate()}-${KY_MONTHS[d.getMonth()]}`;
  return format(d, "d MMMM yyyy 'г.'", { locale: ru });
}

/** «05.03.2026». */
export function shortDate(value: string, tz: string): string {
  return format(inZone(value, tz), "dd.MM.yyyy");
}

/** «05.03.2026 14:07» in the office's time zone; a no-break space keeps the time on the date's line. */
export function dateTime(value: string, tz: string): string {
  return format(inZone(value, tz), "dd.MM.yyyy\u00a0HH:mm");
}

/** «05.03.2026» for a calendar date written "yyyy-MM-dd" (a document's own date): no zone applies. */
export function calendarDate(value: string): string {
  const [y, m, d] = value.split("-");
  return `${d}.${m}.${y}`;
}

/** A piece of evidence as recorded, «№ 12/7-ФП, 03.11.2025, <issuer>»: the same in every language, printed once. */
export function evidenceReference(e: EvidenceRef): string {
  return `№ ${e.number}, ${calendarDate(e.date)}, ${e.issuer}`;
}

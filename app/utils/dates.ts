import { DEFAULT_TIME_ZONE, entryLastDay } from "../../workflows/clock/deadlines";

/**
 * The zone when no office is known (workflows/clock): an online draft, an administrator. Every
 * formatter below takes the zone as a required argument, so a page cannot fall back to it unawares;
 * pages get bound formatters from `useFormat()` (app/utils/format.ts).
 */
export const OFFICE_TIME_ZONE = DEFAULT_TIME_ZONE;

/**
 * The parts of an instant in a zone, read through Intl in the page's language (date-fns has no
 * Kyrgyz locale; Node and browsers carry ICU's `ky`). Every language writes dates the way the
 * office's papers do, dd.MM.yyyy and a 24-hour HH:mm — CLDR's own short pattern for `ky`
 * (y-dd-MM) reads like an ISO date with day and month swapped (decision 058).
 */
const partFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * The locales Intl is asked for: Kyrgyz, then Russian. Node's ICU has `ky`, but Chromium's trimmed
 * ICU does not (it would format in English), so a page rendered on the server and again in the
 * browser would differ; Kyrgyz writes numbers as Russian does (decimal comma, spaced thousands),
 * so the fallback prints the same.
 */
function intlLocales(lng: string): string[] {
  return lng === "ky" ? ["ky", "ru"] : [lng];
}
function partsOf(at: string | Date, lng: string, timeZone: string): Record<"day" | "month" | "year" | "hour" | "minute", string> {
  const id = `${lng}|${timeZone}`;
  let f = partFormats.get(id);
  if (!f) {
    f = new Intl.DateTimeFormat(intlLocales(lng), { timeZone, day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23", numberingSystem: "latn" });
    partFormats.set(id, f);
  }
  const out: Record<string, string> = {};
  for (const p of f.formatToParts(new Date(at))) out[p.type] = p.value;
  return out as Record<"day" | "month" | "year" | "hour" | "minute", string>;
}

/** An instant as the office reads it: its own time zone, whatever the server's or browser's. */
export function formatInstant(at: string | Date | null | undefined, lng: string, timeZone: string): string {
  if (!at) return "—";
  const p = partsOf(at, lng, timeZone);
  return `${p.day}.${p.month}.${p.year} ${p.hour}:${p.minute}`;
}

export function formatDate(at: string | Date | null | undefined, lng: string, timeZone: string): string {
  if (!at) return "—";
  const p = partsOf(at, lng, timeZone);
  return `${p.day}.${p.month}.${p.year}`;
}

/** A count or a measure in the page's language (grouping and decimal signs: 1 234,5 in ky and ru). */
export function formatNumber(n: number | null | undefined, lng: string): string {
  return n === null || n === undefined ? "—" : new Intl.NumberFormat(intlLocales(lng), { maximumFractionDigits: 1 }).format(n);
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
  number: (n: number | null | undefined) => string;
};

/** The formatters of one page: its language and the zone of the office it speaks for. */
export function formattersFor(lng: string, timeZone: string | null | undefined): Formatters {
  const zone = timeZone || OFFICE_TIME_ZONE;
  return {
    timeZone: zone,
    instant: (at) => formatInstant(at, lng, zone),
    date: (at) => formatDate(at, lng, zone),
    entryDeadline: (t, dueAt) => formatEntryDeadline(t, dueAt, zone),
    number: (n) => formatNumber(n, lng),
  };
}

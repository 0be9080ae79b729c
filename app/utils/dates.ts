import { DEFAULT_TIME_ZONE, entryLastDay } from "../../workflows/clock/deadlines";

/**
 * The zone when no office is known (workflows/clock): an online draft, an administrator. Every
 * formatter below takes the zone as a required argument, so a page cannot fall back to it unawares;
 * pages get bound formatters from `useFormat()` (app/utils/format.ts).
 */
export const OFFICE_TIME_ZONE = DEFAULT_TIME_ZONE;

/** An instant as pages get it: a Date, an ISO string, or epoch milliseconds. */
export type Instant = string | Date | number;

/**
 * The parts of an instant in a zone, as the office's papers write them in every language:
 * dd.MM.yyyy and a 24-hour HH:mm, Latin digits — CLDR's own short pattern for `ky` (y-dd-MM) reads
 * like an ISO date with day and month swapped (decision 058). The parts are the instant moved by
 * the zone's offset; the offset comes from Intl (the zone's rules are ICU's), once per zone and hour.
 * Reading every instant through `formatToParts` was the queue page's largest cost of its own
 * (decision 077).
 */
function partsOf(at: Instant, timeZone: string): Record<"day" | "month" | "year" | "hour" | "minute", string> {
  const ms = typeof at === "number" ? at : new Date(at).getTime();
  const local = new Date(ms + zoneOffset(ms, timeZone));
  return {
    day: two(local.getUTCDate()),
    month: two(local.getUTCMonth() + 1),
    year: String(local.getUTCFullYear()),
    hour: two(local.getUTCHours()),
    minute: two(local.getUTCMinutes()),
  };
}

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

const HOUR = 3_600_000;
/** Hours kept per zone before its table starts again: years of instants. */
const HOURS_KEPT = 50_000;
const offsetFormats = new Map<string, Intl.DateTimeFormat>();
const offsetsByZone = new Map<string, Map<number, number>>();

/** The zone's offset from UTC at an instant, in ms, read through Intl: the wall clock there minus the instant. */
function offsetFromIntl(ms: number, timeZone: string): number {
  let f = offsetFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric", hourCycle: "h23", era: "short", numberingSystem: "latn", calendar: "gregory" });
    offsetFormats.set(timeZone, f);
  }
  const p: Record<string, string> = {};
  for (const part of f.formatToParts(ms)) p[part.type] = part.value;
  const year = p.era === "BC" || p.era === "B" ? 1 - Number(p.year) : Number(p.year);
  const wall = new Date(0);
  wall.setUTCFullYear(year, Number(p.month) - 1, Number(p.day));
  wall.setUTCHours(Number(p.hour), Number(p.minute), Number(p.second), 0);
  return wall.getTime() - Math.floor(ms / 1000) * 1000;
}

/**
 * The offset at an instant, kept per hour: read at the hour's first and last second, and kept when
 * both agree. An hour in which the zone changes its offset (a summer time, a new standard) is read
 * again for every instant in it.
 */
function zoneOffset(ms: number, timeZone: string): number {
  let offsets = offsetsByZone.get(timeZone);
  if (!offsets || offsets.size >= HOURS_KEPT) {
    offsets = new Map();
    offsetsByZone.set(timeZone, offsets);
  }
  const hour = Math.floor(ms / HOUR);
  let offset = offsets.get(hour);
  if (offset === undefined) {
    const first = offsetFromIntl(hour * HOUR, timeZone);
    offset = first === offsetFromIntl(hour * HOUR + HOUR - 1000, timeZone) ? first : Number.NaN;
    offsets.set(hour, offset);
  }
  return Number.isNaN(offset) ? offsetFromIntl(ms, timeZone) : offset;
}

/**
 * The locales Intl is asked for numbers: Kyrgyz, then Russian. Node's ICU has `ky`, but Chromium's
 * trimmed ICU does not (it would format in English), so a page rendered on the server and again in
 * the browser would differ; Kyrgyz writes numbers as Russian does (decimal comma, spaced
 * thousands), so the fallback prints the same.
 */
function intlLocales(lng: string): string[] {
  return lng === "ky" ? ["ky", "ru"] : [lng];
}

/**
 * An instant as the office reads it: its own time zone, whatever the server's or browser's. Every
 * language writes it alike (partsOf); `_lng` is there for the callers' symmetry with the numbers.
 */
export function formatInstant(at: Instant | null | undefined, _lng: string, timeZone: string): string {
  if (at === null || at === undefined || at === "") return "—";
  const p = partsOf(at, timeZone);
  return `${p.day}.${p.month}.${p.year} ${p.hour}:${p.minute}`;
}

export function formatDate(at: Instant | null | undefined, _lng: string, timeZone: string): string {
  if (at === null || at === undefined || at === "") return "—";
  const p = partsOf(at, timeZone);
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
export function formatEntryDeadline(t: Translate, dueAt: Instant | null | undefined, timeZone: string): string {
  if (dueAt === null || dueAt === undefined || dueAt === "") return "—";
  const [y, m, d] = entryLastDay(new Date(dueAt), timeZone).split("-");
  return t("common:deadlines.entryLastDay", { date: `${d}.${m}.${y}` });
}

export type Formatters = {
  /** The zone the page reads instants in. */
  timeZone: string;
  instant: (at: Instant | null | undefined) => string;
  date: (at: Instant | null | undefined) => string;
  entryDeadline: (t: Translate, dueAt: Instant | null | undefined) => string;
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

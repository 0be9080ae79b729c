import { TZDate } from "@date-fns/tz";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { numberSequences } from "../../db/schema";

export type PrintedKind = "application" | "decision_grant" | "decision_refusal" | "annulment_notice" | "refusal_notice" | "journal_extract";

/** Two Latin letters per kind: easy to read aloud and to type into a search box (no Cyrillic look-alikes). */
export const KIND_CODE: Record<PrintedKind, string> = {
  application: "AP",
  decision_grant: "DG",
  decision_refusal: "DR",
  annulment_notice: "AN",
  refusal_notice: "RN",
  journal_extract: "JE",
};

/** The series key of documents printed online, before any office has the application. */
export const ONLINE_SERIES_OFFICE = "WEB";

/** The year a document belongs to is the office's calendar year, not UTC's. */
export function officeYear(now: Date, timeZone: string): number {
  return new TZDate(now.getTime(), timeZone).getFullYear();
}

/**
 * The next number of a series, gapless: the counter row is created or incremented in one statement
 * and stays locked until the caller's transaction ends, so concurrent issuers queue on it and a
 * rolled-back issue gives its number back.
 */
export async function nextInSeries(tx: DbOrTx, officeKey: string, series: string, year: number): Promise<number> {
  const [row] = await tx
    .insert(numberSequences)
    .values({ officeCode: officeKey, series, year, last: 1 })
    .onConflictDoUpdate({
      target: [numberSequences.officeCode, numberSequences.series, numberSequences.year],
      set: { last: sql`${numberSequences.last} + 1` },
    })
    .returning({ last: numberSequences.last });
  return row.last;
}

/** "0003-DG-2026-000042": office, kind, office year, sequence (six digits, wider past 999 999). */
export function formatDocumentNumber(officeKey: string, kind: PrintedKind, year: number, sequence: number): string {
  return `${officeKey}-${KIND_CODE[kind]}-${year}-${String(sequence).padStart(6, "0")}`;
}

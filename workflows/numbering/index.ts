import { eq, sql, type SQL } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../../db/client";
import { offices } from "../../db/schema";
import { officeYear } from "../clock/deadlines";
import { WorkflowError } from "../errors";

/**
 * The one numbering of the office's acts (decision 044). Every number is made with its act, in the
 * act's transaction, and every place that shows the act — the page, /status, the paper, /verify,
 * the journal, the API — shows that same string. Printing never makes a number for an act.
 *
 * Gapless per office, series and calendar year of the office: the counter row is created or
 * incremented by the act's own statement and stays locked until its transaction ends, so
 * concurrent acts queue on it and a rolled-back act gives its number back.
 */
export type Series = "incoming" | "decision_grant" | "decision_refusal" | "annulment_notice" | "journal_extract" | "revocation" | "lifting";

/** Two Latin letters per series: easy to read aloud and to type (no Cyrillic look-alikes). */
const SERIES_CODE: Record<Series, string> = {
  incoming: "IN",
  decision_grant: "DG",
  decision_refusal: "DR",
  annulment_notice: "AN",
  journal_extract: "JE",
  // Decision 063: acts of the four-eyes corrections.
  revocation: "RV",
  lifting: "LF",
};

/** The series key of what the public prints online, before any office has it. */
export const ONLINE_SERIES_OFFICE = "WEB";

/**
 * The statement that takes the next number, for a `with` clause: one row with the formatted
 * `number` ("002-DG-2026-000042": office, series, year, sequence of at least six digits).
 */
export function takeNumberSql(officeCode: string | SQL, series: Series, year: number | SQL): SQL {
  return sql`insert into number_sequences (office_code, series, year, last) values (${officeCode}, ${series}, ${year}::int, 1)
    on conflict (office_code, series, year) do update set last = number_sequences.last + 1
    returning office_code || '-' || ${SERIES_CODE[series]}::text || '-' || year::text || '-' || lpad(last::text, greatest(6, length(last::text)), '0') as number`;
}

/** Takes the next number of the series inside the caller's transaction. */
export async function takeNumber(tx: DbOrTx, officeCode: string, series: Series, year: number): Promise<string> {
  const [row] = await queryRows<{ number: string }>(tx, sql`with n as (${takeNumberSql(officeCode, series, year)}) select number from n`);
  return row.number;
}

/** Takes the next number of an office's series for an act made at `at`, in the office's calendar year. */
export async function takeOfficeNumber(tx: DbOrTx, officeCode: string, series: Series, at: Date): Promise<string> {
  const [office] = await tx.select({ timeZone: offices.timeZone }).from(offices).where(eq(offices.code, officeCode));
  if (!office) throw new WorkflowError("not_found", "office.not_found", { officeCode });
  return takeNumber(tx, officeCode, series, officeYear(at, office.timeZone));
}

/** A decision's series by its outcome. */
export function decisionSeries(outcome: "granted" | "refused"): Series {
  return outcome === "granted" ? "decision_grant" : "decision_refusal";
}

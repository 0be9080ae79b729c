import { sql } from "drizzle-orm";
import { queryRows, type Db } from "../../db/client";
import { offices } from "../../db/schema";
import type { Actor } from "../actor";
import { WorkflowError } from "../errors";
import { appendJournal } from "../journal";
import { readRegistryCsv, type RegistryCsvInput } from "./csv-records";
import { validateRegistryRow, type RegistryColumn, type RegistryRow } from "./row";

export interface ImportError {
  /** Physical line of the file (1 = the header), where the record starts. */
  line: number;
  field?: RegistryColumn;
  /** i18n key, e.g. "registry.inn.length", "registry.csv.quote". */
  messageKey: string;
  value?: string;
  /** Values for the message, e.g. { firstLine } for a duplicate INN. */
  params?: Record<string, string | number>;
}

export interface ImportReport {
  /** Data records read (blank lines not counted), valid or not. */
  rows: number;
  /** Rows that passed validation. valid = imported + unchanged. */
  valid: number;
  /** Valid rows that changed the registry: inserted + updated. */
  imported: number;
  inserted: number;
  updated: number;
  /** Valid rows identical to what the registry already holds. */
  unchanged: number;
  /** Rows rejected (a row with two problems counts once here and twice in errorCount). */
  rejected: number;
  /** The first MAX_REPORTED_ERRORS problems in line order. */
  errors: ImportError[];
  errorCount: number;
  /** Problems not listed in `errors` because of the cap. */
  errorsOmitted: number;
  elapsedMs: number;
}

export const MAX_REPORTED_ERRORS = 1000;
const DEFAULT_BATCH_SIZE = 1000;

function assertMayImport(actor: Actor): void {
  const allowed = (actor.type === "staff" && actor.role === "admin") || actor.type === "system";
  if (!allowed) throw new WorkflowError("forbidden", "forbidden");
}

/**
 * Writes one batch in its own transaction. The rows travel as one JSON parameter (jsonb_to_recordset):
 * binding five parameters per row made query building and binding most of the import's time. The
 * WHERE of the update skips rows identical to the stored ones, so a re-import changes nothing (not
 * even updated_at); `xmax = 0` tells an insert from an update.
 */
async function upsertBatch(db: Db, batch: RegistryRow[]): Promise<{ inserted: number; updated: number }> {
  const payload = JSON.stringify(
    batch.map((r) => ({ inn: r.inn, name: r.name, subject_type: r.subjectType, office_code: r.officeCode, registration_status: r.registrationStatus })),
  );
  const written = await db.transaction((tx) =>
    queryRows<{ inserted: boolean | string }>(
      tx,
      sql`insert into taxpayers as t (inn, name, subject_type, office_code, registration_status, updated_at)
          select r.inn, r.name, r.subject_type, r.office_code, r.registration_status, now()
          from jsonb_to_recordset(${payload}::jsonb)
            as r(inn varchar(14), name text, subject_type subject_type, office_code text, registration_status registration_status)
          on conflict (inn) do update set
            name = excluded.name, subject_type = excluded.subject_type, office_code = excluded.office_code,
            registration_status = excluded.registration_status, updated_at = now()
          where (t.name, t.subject_type, t.office_code, t.registration_status)
            is distinct from (excluded.name, excluded.subject_type, excluded.office_code, excluded.registration_status)
          returning (xmax = 0) as inserted`,
    ),
  );
  // postgres.js gives booleans; PGlite's raw rows may carry "t"/"f".
  const inserted = written.filter((w) => w.inserted === true || w.inserted === "t").length;
  return { inserted, updated: written.length - inserted };
}

/**
 * Imports the taxpayer registry from a CSV stream (format: docs/decisions/030-registry-import.md).
 * The file is read record by record; each valid row is upserted by INN in batches, each batch in its
 * own transaction; an invalid row is reported with its line and never written, and never stops the
 * rows around it. One journal entry records the import and its counts.
 */
export async function importRegistryCsv(
  db: Db,
  actor: Actor,
  input: RegistryCsvInput,
  opts: { batchSize?: number; fileName?: string } = {},
): Promise<ImportReport> {
  assertMayImport(actor);
  const started = performance.now();
  const batchSize = Math.max(1, opts.batchSize ?? DEFAULT_BATCH_SIZE);
  const officeCodes: ReadonlySet<string> = new Set((await db.select({ code: offices.code }).from(offices)).map((o) => o.code));

  const report: ImportReport = {
    rows: 0,
    valid: 0,
    imported: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    rejected: 0,
    errors: [],
    errorCount: 0,
    errorsOmitted: 0,
    elapsedMs: 0,
  };
  const addError = (e: ImportError) => {
    report.errorCount++;
    if (report.errors.length < MAX_REPORTED_ERRORS) report.errors.push(e);
    else report.errorsOmitted++;
  };
  // INN -> line of its first valid occurrence: a second row with the same INN is an error.
  const seen = new Map<string, number>();
  let batch: RegistryRow[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const { inserted, updated } = await upsertBatch(db, batch);
    report.inserted += inserted;
    report.updated += updated;
    report.unchanged += batch.length - inserted - updated;
    batch = [];
  };

  for await (const event of readRegistryCsv(input)) {
    if (event.kind === "header") continue;
    if (event.kind === "error") {
      if (!event.fatal) {
        report.rows++;
        report.rejected++;
      }
      addError({ line: event.line, messageKey: event.messageKey, value: event.value });
      continue;
    }
    report.rows++;
    const result = validateRegistryRow(event.values, officeCodes);
    if (!result.ok) {
      report.rejected++;
      for (const e of result.errors) addError({ line: event.line, ...e });
      continue;
    }
    const firstLine = seen.get(result.row.inn);
    if (firstLine !== undefined) {
      report.rejected++;
      addError({ line: event.line, field: "inn", messageKey: "registry.inn.duplicate", value: result.row.inn, params: { firstLine } });
      continue;
    }
    seen.set(result.row.inn, event.line);
    report.valid++;
    batch.push(result.row);
    if (batch.length >= batchSize) await flush();
  }
  await flush();

  report.imported = report.inserted + report.updated;
  report.elapsedMs = Math.round(performance.now() - started);
  const { errors: _listed, elapsedMs: _elapsed, ...counts } = report;
  await db.transaction((tx) =>
    appendJournal(tx, {
      actor,
      officeCode: null,
      action: "registry.imported",
      entityType: "taxpayer_registry",
      after: { ...counts, fileName: opts.fileName ?? null },
    }),
  );
  return report;
}

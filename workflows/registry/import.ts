import type { Db } from "../../db/client";
import { offices } from "../../db/schema";
import type { Actor } from "../actor";
import { WorkflowError } from "../errors";
import { chunksOf, readRegistryCsv, type RegistryCsvInput } from "./csv-records";
import { completeImport, failImport, stageBatch, startImport, type ImportFailure } from "./import-run";
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
  /** The import's row in registry_imports (its progress and outcome, on /admin/registry). */
  importId: string;
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

/** The upload as it arrives, counted: the progress shows how much of the file has been read. */
class InputFailed extends Error {}
async function* counted(input: RegistryCsvInput, read: { bytes: number }): AsyncGenerator<Uint8Array | string> {
  try {
    for await (const chunk of chunksOf(input)) {
      read.bytes += typeof chunk === "string" ? Buffer.byteLength(chunk) : chunk.byteLength;
      yield chunk;
    }
  } catch (error) {
    throw new InputFailed("the upload ended before the file did", { cause: error });
  }
}

/**
 * Imports the taxpayer registry from a CSV stream (format: docs/decisions/030-registry-import.md;
 * all or nothing: decision 054). The file is read record by record; valid rows are staged in
 * batches, an invalid row is reported with its line and never written, and never stops the rows
 * around it. The registry changes only at the end, in one transaction; the start and the end (or
 * the failure) are journaled, and the progress is visible to administrators while it runs.
 */
export async function importRegistryCsv(
  db: Db,
  actor: Actor,
  input: RegistryCsvInput,
  opts: { batchSize?: number; fileName?: string; bytesTotal?: number | null; clock?: () => Date; signal?: AbortSignal } = {},
): Promise<ImportReport> {
  assertMayImport(actor);
  const clock = opts.clock ?? (() => new Date());
  const started = performance.now();
  const batchSize = Math.max(1, opts.batchSize ?? DEFAULT_BATCH_SIZE);
  const officeCodes: ReadonlySet<string> = new Set((await db.select({ code: offices.code }).from(offices)).map((o) => o.code));
  const fileName = opts.fileName ?? null;
  const importId = await startImport(db, actor, { fileName, bytesTotal: opts.bytesTotal ?? null }, clock());

  const report: ImportReport = {
    importId,
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
  const counts = () => ({ rows: report.rows, valid: report.valid, rejected: report.rejected, errorCount: report.errorCount, fileName });
  const addError = (e: ImportError) => {
    report.errorCount++;
    if (report.errors.length < MAX_REPORTED_ERRORS) report.errors.push(e);
    else report.errorsOmitted++;
  };
  // INN -> line of its first valid occurrence: a second row with the same INN is an error.
  const seen = new Map<string, number>();
  const read = { bytes: 0 };
  let batch: RegistryRow[] = [];
  let rowsAtLastStage = 0;
  const stage = async () => {
    await stageBatch(db, importId, batch, { rowsRead: report.rows, bytesRead: read.bytes });
    batch = [];
    rowsAtLastStage = report.rows;
  };

  try {
    for await (const event of readRegistryCsv(counted(input, read))) {
      if (event.kind === "header") continue;
      if (event.kind === "error") {
        if (!event.fatal) {
          report.rows++;
          report.rejected++;
        }
        addError({ line: event.line, messageKey: event.messageKey, value: event.value });
      } else {
        report.rows++;
        const result = validateRegistryRow(event.values, officeCodes);
        const firstLine = result.ok ? seen.get(result.row.inn) : undefined;
        if (!result.ok) {
          report.rejected++;
          for (const e of result.errors) addError({ line: event.line, ...e });
        } else if (firstLine !== undefined) {
          report.rejected++;
          addError({ line: event.line, field: "inn", messageKey: "registry.inn.duplicate", value: result.row.inn, params: { firstLine } });
        } else {
          seen.set(result.row.inn, event.line);
          report.valid++;
          batch.push(result.row);
        }
      }
      // Rejected rows count as progress too: a file of bad rows still shows it is being read.
      if (batch.length >= batchSize || report.rows - rowsAtLastStage >= batchSize) await stage();
    }
    await stage();
    // A client gone before the end may have left a stream that merely looks finished.
    if (opts.signal?.aborted) throw new InputFailed("the client went away before the import ended");
    const { inserted, updated } = await completeImport(db, actor, importId, { ...counts(), bytesRead: read.bytes }, clock());
    report.inserted = inserted;
    report.updated = updated;
    report.unchanged = report.valid - inserted - updated;
    report.imported = inserted + updated;
  } catch (error) {
    const failure: ImportFailure = error instanceof InputFailed ? "registry.failure.aborted" : "registry.failure.error";
    await failImport(db, actor, importId, failure, counts(), clock());
    throw error instanceof InputFailed ? new WorkflowError("conflict", failure, { importId }) : error;
  }
  report.elapsedMs = Math.round(performance.now() - started);
  return report;
}

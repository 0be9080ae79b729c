import { sql } from "drizzle-orm";
import { queryRows, type Db, type DbOrTx } from "../../db/client";
import type { Actor } from "../actor";
import { WorkflowError } from "../errors";
import { appendJournal } from "../journal";
import type { RegistryRow } from "./row";

/**
 * The life of one import in the database: started (journaled), rows staged batch by batch, then
 * either merged into the registry in one transaction (journaled) or failed (journaled) with the
 * staged rows dropped. Nothing reaches `taxpayers` before the merge, so an import that dies
 * halfway — a killed process, a client that aborts the upload — changes no taxpayer's row.
 */

/** An import with no staged batch for this long is taken for dead (its process killed). */
export const IMPORT_STALE_AFTER_MS = 5 * 60_000;

/** Why an import failed: keys of the admin namespace, shown on /admin/registry. */
export type ImportFailure = "registry.failure.aborted" | "registry.failure.abandoned" | "registry.failure.error";

export interface ImportCounts {
  rows: number;
  valid: number;
  rejected: number;
  errorCount: number;
}

const SYSTEM: Actor = { type: "system" };

/** Serialises the starts of imports: a second one waits, then sees the first running. */
async function lockImports(tx: DbOrTx) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('registry_imports'))`);
}

/**
 * Fails every running import that has shown no sign of life since `now - IMPORT_STALE_AFTER_MS`:
 * its process is gone (the upload would otherwise have staged a batch or ended). Its staged rows
 * are deleted and the failure journaled, by the system. Called by the sweeper and before a start.
 */
export function abandonStaleImports(db: Db, now: Date): Promise<string[]> {
  return db.transaction((tx) => abandonStaleIn(tx, now));
}

async function abandonStaleIn(tx: DbOrTx, now: Date): Promise<string[]> {
  const before = new Date(now.getTime() - IMPORT_STALE_AFTER_MS);
  {
    const stale = await queryRows<{ id: string; file_name: string | null; rows_read: number; started_by: string | null }>(
      tx,
      sql`update registry_imports set status = 'failed', failure = 'registry.failure.abandoned', ended_at = ${now.toISOString()}::timestamptz
          where status = 'running' and progress_at < ${before.toISOString()}::timestamptz
          returning id, file_name, rows_read, started_by`,
    );
    for (const s of stale) {
      await tx.execute(sql`delete from registry_import_rows where import_id = ${s.id}`);
      await appendJournal(tx, {
        actor: SYSTEM,
        officeCode: null,
        action: "registry.import_failed",
        entityType: "registry_import",
        entityId: s.id,
        after: { failure: "registry.failure.abandoned", fileName: s.file_name, rowsRead: s.rows_read, startedBy: s.started_by },
      });
    }
    return stale.map((s) => s.id);
  }
}

/** Starts an import and journals its start, or refuses while another is running. */
export async function startImport(db: Db, actor: Actor, file: { fileName: string | null; bytesTotal: number | null }, now: Date): Promise<string> {
  return db.transaction(async (tx) => {
    await lockImports(tx);
    await abandonStaleIn(tx, now);
    const [running] = await queryRows<{ id: string; file_name: string | null; started_at: string; rows_read: number }>(
      tx,
      sql`select id, file_name, started_at::text, rows_read from registry_imports where status = 'running'`,
    );
    if (running) {
      throw new WorkflowError("conflict", "registry.running", { fileName: running.file_name, rowsRead: running.rows_read, startedAt: running.started_at });
    }
    const startedBy = actor.type === "staff" ? actor.id : null;
    const [{ id }] = await queryRows<{ id: string }>(
      tx,
      sql`insert into registry_imports (file_name, started_by, bytes_total) values (${file.fileName}, ${startedBy}, ${file.bytesTotal}) returning id`,
    );
    await appendJournal(tx, {
      actor,
      officeCode: null,
      action: "registry.import_started",
      entityType: "registry_import",
      entityId: id,
      after: { fileName: file.fileName, bytesTotal: file.bytesTotal },
    });
    return id;
  });
}

function gone(importId: string): WorkflowError {
  return new WorkflowError("conflict", "registry.failure.abandoned", { importId });
}

/**
 * Stages one batch of valid rows and records the progress, in one transaction. An import another
 * process has meanwhile failed as abandoned stages nothing more.
 */
export async function stageBatch(db: Db, importId: string, batch: RegistryRow[], progress: { rowsRead: number; bytesRead: number }): Promise<void> {
  const payload = JSON.stringify(
    batch.map((r) => ({ inn: r.inn, name: r.name, subject_type: r.subjectType, office_code: r.officeCode, registration_status: r.registrationStatus })),
  );
  await db.transaction(async (tx) => {
    const alive = await queryRows(
      tx,
      sql`update registry_imports set rows_read = ${progress.rowsRead}, bytes_read = ${progress.bytesRead}, progress_at = now()
          where id = ${importId} and status = 'running' returning id`,
    );
    if (alive.length === 0) throw gone(importId);
    if (batch.length === 0) return;
    await tx.execute(
      sql`insert into registry_import_rows (import_id, inn, name, subject_type, office_code, registration_status)
          select ${importId}, r.inn, r.name, r.subject_type, r.office_code, r.registration_status
          from jsonb_to_recordset(${payload}::jsonb)
            as r(inn varchar(14), name text, subject_type subject_type, office_code text, registration_status registration_status)`,
    );
  });
}

/**
 * The end of an import, in one transaction: the staged rows are upserted into the registry by INN
 * (a row identical to the stored one is not touched, not even its updated_at; `xmax = 0` tells an
 * insert from an update), the staging is emptied, the import marked completed and journaled.
 */
export async function completeImport(
  db: Db,
  actor: Actor,
  importId: string,
  counts: ImportCounts & { fileName: string | null; bytesRead: number },
  now: Date,
): Promise<{ inserted: number; updated: number }> {
  return db.transaction(async (tx) => {
    const [row] = await queryRows<{ status: string }>(tx, sql`select status from registry_imports where id = ${importId} for update`);
    if (row?.status !== "running") throw gone(importId);
    const [merged] = await queryRows<{ inserted: number; written: number }>(
      tx,
      sql`with written as (
            insert into taxpayers as t (inn, name, subject_type, office_code, registration_status, updated_at)
            select s.inn, s.name, s.subject_type, s.office_code, s.registration_status, now()
            from registry_import_rows s where s.import_id = ${importId}
            on conflict (inn) do update set
              name = excluded.name, subject_type = excluded.subject_type, office_code = excluded.office_code,
              registration_status = excluded.registration_status, updated_at = now()
            where (t.name, t.subject_type, t.office_code, t.registration_status)
              is distinct from (excluded.name, excluded.subject_type, excluded.office_code, excluded.registration_status)
            returning (xmax = 0) as inserted
          )
          select (count(*) filter (where inserted))::int as inserted, count(*)::int as written from written`,
    );
    const inserted = Number(merged.inserted);
    const updated = Number(merged.written) - inserted;
    const report = { ...counts, imported: inserted + updated, inserted, updated, unchanged: counts.valid - inserted - updated };
    await tx.execute(sql`delete from registry_import_rows where import_id = ${importId}`);
    await tx.execute(
      sql`update registry_imports set status = 'completed', ended_at = ${now.toISOString()}::timestamptz, progress_at = now(), rows_read = ${counts.rows},
            bytes_read = ${counts.bytesRead}, report = ${JSON.stringify(report)}::jsonb
          where id = ${importId}`,
    );
    await appendJournal(tx, { actor, officeCode: null, action: "registry.imported", entityType: "registry_import", entityId: importId, after: report });
    return { inserted, updated };
  });
}

/**
 * Fails a running import: drops what it staged, records why and how far it got, journals it. An
 * import already ended (failed as abandoned by another process) is left as it is.
 */
export async function failImport(db: Db, actor: Actor, importId: string, failure: ImportFailure, counts: ImportCounts & { fileName: string | null }, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const failed = await queryRows(
      tx,
      sql`update registry_imports set status = 'failed', failure = ${failure}, ended_at = ${now.toISOString()}::timestamptz, rows_read = ${counts.rows},
            report = ${JSON.stringify(counts)}::jsonb
          where id = ${importId} and status = 'running' returning id`,
    );
    if (failed.length === 0) return;
    await tx.execute(sql`delete from registry_import_rows where import_id = ${importId}`);
    await appendJournal(tx, {
      actor,
      officeCode: null,
      action: "registry.import_failed",
      entityType: "registry_import",
      entityId: importId,
      after: { failure, ...counts },
    });
  });
}

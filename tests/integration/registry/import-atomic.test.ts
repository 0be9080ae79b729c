import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { queryRows, type DbHandle } from "../../../db/client";
import { offices } from "../../../db/schema";
import type { Actor } from "../../../workflows/actor";
import { verifyJournal } from "../../../workflows/journal";
import { abandonStaleImports, IMPORT_STALE_AFTER_MS, importRegistryCsv, recentImports } from "../../../workflows/registry";
import { sweepOnce } from "../../../app/utils/jobs.server";
import { createTestDb } from "../../support/db";
import { createStaff } from "../../support/factories";

/**
 * An import is all or nothing (decision 054): whatever stops it halfway — the upload breaking off,
 * its process dying — the registry stays as it was, and the journal says it started and failed.
 */
const HEADER = "inn,name,subject_type,office_code,registration_status";
let h: DbHandle;
let admin: Actor;

/** `n` valid rows with INNs from `from` on. */
function rows(n: number, from = 0): string[] {
  return Array.from({ length: n }, (_, i) => `2150519901${String(from + i).padStart(4, "0")},Тестов Тест ${from + i},individual,002,registered`);
}

/**
 * A file that stops after its first `pausedAfter` rows (a multiple of the reader's 500-line chunk,
 * so those rows are all read and staged before the pause) until `release()` is called (or fails, with `fail()`). */
function pausedUpload(lines: string[], pausedAfter: number) {
  let release!: () => void;
  let fail!: (e: Error) => void;
  const gate = new Promise<void>((resolve, reject) => {
    release = resolve;
    fail = reject;
  });
  async function* chunks() {
    yield `${HEADER}\n`;
    for (let i = 0; i < lines.length; i++) {
      if (i === pausedAfter) await gate;
      yield `${lines[i]}\n`;
    }
  }
  return { input: chunks(), release: () => release(), fail: (e: Error) => fail(e) };
}

async function count(table: "taxpayers" | "registry_import_rows"): Promise<number> {
  const [row] = await queryRows<{ n: number }>(h.db, sql.raw(`select count(*)::int as n from ${table}`));
  return Number(row.n);
}

async function journalOf(importId: string): Promise<{ action: string; actor_role: string; after: Record<string, unknown> }[]> {
  return queryRows(h.db, sql`select action, actor_role, after from journal_entries where entity_id = ${importId} order by id`);
}

async function untilStaged(min: number) {
  for (let i = 0; i < 500; i++) {
    const [run] = await queryRows<{ rows_read: number }>(h.db, sql`select rows_read from registry_imports where status = 'running'`);
    if (run && Number(run.rows_read) >= min) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error("the import staged nothing");
}

beforeAll(async () => {
  h = await createTestDb();
  await h.db.insert(offices).values({ code: "002", name: "УГНС по Ленинскому району г. Бишкек", address: "Бишкек", headName: "Начальник" });
  admin = await createStaff(h.db, "admin", null, "Администратор Реестра");
});
afterAll(() => h.close());
beforeEach(async () => {
  await h.db.execute(sql`delete from taxpayers`);
});

describe("registry import, all or nothing", () => {
  it("changes the registry only at the end, and shows its progress while it runs", async () => {
    const upload = pausedUpload(rows(700), 500);
    const done = importRegistryCsv(h.db, admin, upload.input, { batchSize: 100, fileName: "registry.csv" });
    await untilStaged(500);

    expect(await count("taxpayers")).toBe(0);
    expect(await count("registry_import_rows")).toBe(500);
    const [running] = await recentImports(h.db, admin);
    expect(running).toMatchObject({ status: "running", fileName: "registry.csv", rowsRead: 500, startedBy: "Администратор Реестра" });
    expect(running.bytesRead).toBeGreaterThan(0);

    upload.release();
    const report = await done;
    expect(report).toMatchObject({ rows: 700, inserted: 700, updated: 0 });
    expect(await count("taxpayers")).toBe(700);
    expect(await count("registry_import_rows")).toBe(0);
    const [ended] = await recentImports(h.db, admin);
    expect(ended).toMatchObject({ id: report.importId, status: "completed", rowsRead: 700, report: expect.objectContaining({ inserted: 700 }) });
    expect((await journalOf(report.importId)).map((e) => e.action)).toEqual(["registry.import_started", "registry.imported"]);
  });

  it("an upload that breaks off leaves the registry as it was, and journals the start and the failure", async () => {
    await importRegistryCsv(h.db, admin, [`${HEADER}\n${rows(10, 8000).join("\n")}\n`]);
    const before = await count("taxpayers");
    const upload = pausedUpload(rows(800), 500);
    const done = importRegistryCsv(h.db, admin, upload.input, { batchSize: 100, fileName: "broken.csv" });
    await untilStaged(500);
    upload.fail(new Error("socket hang up"));

    await expect(done).rejects.toMatchObject({ code: "conflict", messageKey: "registry.failure.aborted" });
    expect(await count("taxpayers")).toBe(before);
    expect(await count("registry_import_rows")).toBe(0);
    const [failed] = await recentImports(h.db, admin);
    expect(failed).toMatchObject({ status: "failed", failure: "registry.failure.aborted", rowsRead: 500 });
    const entries = await journalOf(failed.id);
    expect(entries.map((e) => e.action)).toEqual(["registry.import_started", "registry.import_failed"]);
    expect(entries[1].after).toMatchObject({ failure: "registry.failure.aborted", rows: 500, fileName: "broken.csv" });
    expect((await verifyJournal(h.db)).ok).toBe(true);
  });

  it("one import at a time: a second is refused while the first runs, and changes nothing", async () => {
    const upload = pausedUpload(rows(600), 500);
    const first = importRegistryCsv(h.db, admin, upload.input, { batchSize: 100, fileName: "first.csv" });
    await untilStaged(500);
    const journaled = (await queryRows<{ n: number }>(h.db, sql`select count(*)::int as n from journal_entries`))[0].n;

    await expect(importRegistryCsv(h.db, admin, [`${HEADER}\n${rows(5, 7000).join("\n")}\n`], { fileName: "second.csv" })).rejects.toMatchObject({
      code: "conflict",
      messageKey: "registry.running",
      details: expect.objectContaining({ fileName: "first.csv", rowsRead: 500 }),
    });
    expect((await queryRows<{ n: number }>(h.db, sql`select count(*)::int as n from journal_entries`))[0].n).toBe(journaled);

    upload.release();
    await first;
    expect(await count("taxpayers")).toBe(600);
  });

  it("an import whose process is gone is failed by the sweeper, once, and what it staged is dropped", async () => {
    const upload = pausedUpload(rows(600), 500);
    const orphan = importRegistryCsv(h.db, admin, upload.input, { batchSize: 100, fileName: "orphan.csv" });
    await untilStaged(500);
    const [run] = await recentImports(h.db, admin);

    // Not yet stale: the sweeper leaves a live import alone.
    expect((await sweepOnce(h.db, new Date())).abandonedImports).toEqual([]);
    const later = new Date(Date.now() + IMPORT_STALE_AFTER_MS + 60_000);
    expect((await sweepOnce(h.db, later)).abandonedImports).toEqual([run.id]);
    expect(await abandonStaleImports(h.db, later)).toEqual([]);
    expect(await count("registry_import_rows")).toBe(0);

    // Had the process been only slow, not dead, it stops at its next batch without touching the registry.
    upload.release();
    await expect(orphan).rejects.toMatchObject({ messageKey: "registry.failure.abandoned" });
    expect(await count("taxpayers")).toBe(0);
    const entries = await journalOf(run.id);
    expect(entries.map((e) => [e.action, e.actor_role])).toEqual([
      ["registry.import_started", "admin"],
      ["registry.import_failed", "system"],
    ]);
    expect(entries[1].after).toMatchObject({ failure: "registry.failure.abandoned", rowsRead: 500, fileName: "orphan.csv" });
    const [ended] = await recentImports(h.db, admin);
    expect(ended).toMatchObject({ status: "failed", failure: "registry.failure.abandoned" });
  });
});

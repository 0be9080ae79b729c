import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { migrateDatabase, openDatabase, queryRows, type DbHandle } from "../../../db/client";
import { offices } from "../../../db/schema";
import { verifyJournal } from "../../../workflows/journal";
import { IMPORT_STALE_AFTER_MS } from "../../../workflows/registry";
import { sweepOnce } from "../../../app/utils/jobs.server";
import { createEmptyServerDatabase } from "../../support/db";
import { createStaff } from "../../support/factories";

/**
 * `kill -9` in the middle of a registry import, on the database the process used (the server's
 * when DATABASE_URL is set, else an embedded one on disk): the registry is as it was, the start is
 * journaled, and the next sweep fails the import, journals it and drops what it had staged.
 */
async function database(): Promise<{ where: string; open(): Promise<DbHandle>; drop(): Promise<void> }> {
  if (process.env.DATABASE_URL) {
    const server = await createEmptyServerDatabase();
    return { where: server.url, open: () => openDatabase({ url: server.url, max: 4 }), drop: server.drop };
  }
  const dir = await mkdtemp(join(tmpdir(), "import-killed-"));
  return { where: dir, open: () => openDatabase({ dataDir: dir }), drop: () => rm(dir, { recursive: true, force: true }) };
}

function count(h: DbHandle, table: string): Promise<number> {
  return queryRows<{ n: number }>(h.db, sql.raw(`select count(*)::int as n from ${table}`)).then(([r]) => Number(r.n));
}

describe("a registry import killed with SIGKILL", () => {
  it("leaves the registry as it was; the sweep fails it, journals it and drops its staged rows", async () => {
    const place = await database();
    try {
      let h = await place.open();
      await migrateDatabase(h);
      await h.db.insert(offices).values({ code: "002", name: "УГНС по Ленинскому району г. Бишкек", address: "Бишкек", headName: "Начальник" });
      const admin = await createStaff(h.db, "admin", null);
      await h.db.execute(sql`insert into taxpayers (inn, name, subject_type, office_code, registration_status) values ('21505199010001', 'Прежнее Имя', 'individual', '002', 'deregistered')`);
      // The embedded database is one process's: the child opens it once this one lets go.
      if (h.driver === "pglite") await h.close();

      const child = spawn(process.execPath, ["--import", "tsx", "tests/integration/registry/_import-child.ts", place.where, admin.id], { stdio: ["ignore", "pipe", "pipe"] });
      let stderr = "";
      child.stderr.on("data", (c) => (stderr += c));
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_code, signal) => resolve(signal)));
      await new Promise<void>((resolve, reject) => {
        child.stdout.on("data", (c) => String(c).includes("STAGED") && resolve());
        child.on("exit", () => reject(new Error(`the importing process ended on its own: ${stderr}`)));
      });
      child.kill("SIGKILL");
      expect(await exited).toBe("SIGKILL");

      if (h.driver === "pglite") h = await place.open();
      try {
        const [taxpayer] = await queryRows<{ name: string; registration_status: string }>(h.db, sql`select name, registration_status from taxpayers`);
        expect(await count(h, "taxpayers")).toBe(1);
        expect(taxpayer).toEqual({ name: "Прежнее Имя", registration_status: "deregistered" });
        const [run] = await queryRows<{ id: string; status: string; rows_read: number }>(h.db, sql`select id, status, rows_read from registry_imports`);
        expect(run.status).toBe("running");
        expect(Number(run.rows_read)).toBeGreaterThanOrEqual(1_000);
        expect(await count(h, "registry_import_rows")).toBeGreaterThanOrEqual(1_000);
        const actions = async () => (await queryRows<{ action: string }>(h.db, sql`select action from journal_entries where entity_id = ${run.id} order by id`)).map((e) => e.action);
        expect(await actions()).toEqual(["registry.import_started"]);

        const swept = await sweepOnce(h.db, new Date(Date.now() + IMPORT_STALE_AFTER_MS + 60_000));
        expect(swept.abandonedImports).toEqual([run.id]);
        expect(await actions()).toEqual(["registry.import_started", "registry.import_failed"]);
        expect(await count(h, "registry_import_rows")).toBe(0);
        expect(await count(h, "taxpayers")).toBe(1);
        expect((await verifyJournal(h.db)).ok).toBe(true);
      } finally {
        await h.close();
      }
    } finally {
      await place.drop();
    }
  }, 120_000);
});

/**
 * An app process in the middle of a registry import, for import-killed.test.ts: it imports an
 * endless file and, once a thousand rows are staged, says so on stdout and waits to be killed.
 * Arguments: the database (a server URL, or the embedded database's directory) and the admin's id.
 */
import { sql } from "drizzle-orm";
import { openDatabase, queryRows } from "../../../db/client";
import { importRegistryCsv } from "../../../workflows/registry";

const [where, adminId] = process.argv.slice(2);
const handle = await openDatabase(where.startsWith("postgres") ? { url: where, max: 2 } : { dataDir: where });

async function* endless() {
  yield "inn,name,subject_type,office_code,registration_status\n";
  for (let i = 0; ; i++) {
    yield `2150519901${String(i % 10_000).padStart(4, "0")},Убитый Процесс ${i},individual,002,registered\n`;
    if (i === 1_600) {
      const [run] = await queryRows<{ rows_read: number }>(handle.db, sql`select rows_read from registry_imports where status = 'running'`);
      if (Number(run?.rows_read) >= 1_000) process.stdout.write("STAGED\n");
      await new Promise(() => {}); // the process is killed here
    }
  }
}

await importRegistryCsv(handle.db, { type: "staff", id: adminId, role: "admin", officeCode: null, fullName: "Администратор" }, endless(), {
  fileName: "killed.csv",
  batchSize: 250,
});

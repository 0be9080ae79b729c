/** Shared by the server benchmarks: a fresh migrated database per run, dropped afterwards. */
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { migrateDatabase, openDatabase, type DbHandle } from "../../db/client";

/** Without DATABASE_URL a server benchmark has nothing to measure: it says so and exits 0. */
export function serverUrlOrExit(name: string): string {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.log(`${name}: skipped — needs a PostgreSQL server: DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx tests/bench/${name}.ts`);
    process.exit(0);
  }
  return url;
}

export interface BenchDb {
  name: string;
  url: string;
  handle: DbHandle;
  sql: postgres.Sql;
  drop(): Promise<void>;
}

export async function freshDatabase(serverUrl: string, prefix: string, max = 20): Promise<BenchDb> {
  const name = `${prefix}_${randomBytes(4).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  const handle = await openDatabase({ url, max });
  await migrateDatabase(handle);
  const sql = postgres(url, { max: 2, onnotice: () => {} });
  return {
    name,
    url,
    handle,
    sql,
    async drop() {
      await sql.end({ timeout: 5 });
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

export function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

export function table(rows: Record<string, string | number>[]): void {
  const cols = Object.keys(rows[0]);
  const width = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
  const line = (cells: string[]) => "| " + cells.map((c, i) => c.padEnd(width[i])).join(" | ") + " |";
  console.log(line(cols));
  console.log("|" + width.map((w) => "-".repeat(w + 2)).join("|") + "|");
  for (const r of rows) console.log(line(cols.map((c) => String(r[c]))));
}

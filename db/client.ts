import { existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import { sql, type SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT, PgSession } from "drizzle-orm/pg-core";
import * as schema from "./schema";
import { isShaped, type ShapedStatement } from "./statement-shapes";

export type Schema = typeof schema;
/** The one database type the rest of the project sees, whichever driver is underneath. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

export interface DbHandle {
  db: Db;
  driver: "pglite" | "postgres";
  /** The server's URL (postgres): the migration step opens a connection of its own to it. */
  url?: string;
  close(): Promise<void>;
}

/**
 * The committed migrations: next to this file when run from source (tsx, vitest), or `dir`
 * (MIGRATIONS_DIR, passed in by the app), else db/migrations under the working directory, when this
 * module is bundled into the production build.
 */
function folderOf(dir?: string): string {
  const besideSource = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");
  if (existsSync(path.join(besideSource, "meta", "_journal.json"))) return besideSource;
  return path.resolve(dir ?? "db/migrations");
}

/**
 * The client factory: postgres.js when a URL is given (DATABASE_URL), otherwise the embedded
 * PGlite persisted under `dataDir` ("memory://" keeps it in memory, for tests). `from` starts the
 * embedded database from a dump of a data directory (PGlite's `dumpDataDir`) instead of an empty
 * one: about 0.6 s against the 2 s of creating a cluster (the tests start one per file).
 */
export async function openDatabase(opts: { url?: string; dataDir?: string; max?: number; from?: Blob } = {}): Promise<DbHandle> {
  if (opts.url) {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const client = postgres(opts.url, { max: opts.max ?? 10, onnotice: () => {} });
    const db = drizzle(namedStatements(client), { schema }) as unknown as Db;
    return { db, driver: "postgres", url: opts.url, close: () => client.end({ timeout: 5 }) };
  }
  compileEmbeddedServerOnce();
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const dataDir = opts.dataDir ?? "./data/pglite";
  if (!dataDir.startsWith("memory://")) mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create(dataDir, {
    startParams: [...PGlite.defaultStartParams, ...EMBEDDED_SETTINGS],
    ...(opts.from ? { loadDataDir: opts.from } : {}),
  });
  const db = drizzle(client, { schema }) as unknown as Db;
  return { db, driver: "pglite", close: () => client.close() };
}

/**
 * The embedded server's memory. PGlite allocates PostgreSQL's shared buffers (128 MB by default)
 * inside its WebAssembly memory and touches all of them at start, so they are resident whether
 * used or not. One office's database is a few tens of megabytes and the files under it stay in the
 * operating system's page cache: 8 MB of buffers took `npm start` on an existing database from
 * 405–441 MB to 251–311 MB resident (docs/benchmarks.md, decision 069).
 */
const EMBEDDED_SETTINGS = ["-c", "shared_buffers=8MB"];

/**
 * The embedded server is PostgreSQL compiled to WebAssembly, about 10 MB of code. V8 compiles it
 * once with its baseline compiler and then again, function by function, with its optimising one;
 * the second copy and the compiler's working memory stayed resident. Baseline code only
 * (`--liftoff-only`, read when the module is compiled, so set before PGlite is loaded) held the
 * server on an existing database 50–100 MB lower and served the queue and the desk's steps as fast
 * (docs/benchmarks.md, decision 071). A server on DATABASE_URL runs no WebAssembly and is left alone.
 */
function compileEmbeddedServerOnce() {
  setFlagsFromString("--liftoff-only");
}

type PgClient = import("postgres").Sql;

/**
 * drizzle sends every statement unnamed (`prepare: false`) unless the query is given a name, and
 * postgres.js then describes each parameterised statement before running it: two round trips and
 * a fresh parse and plan per statement. Asking for named statements lets postgres.js prepare each
 * distinct statement once per connection and run it in one round trip (decision throughput: see
 * docs/benchmarks.md). Transactions get a client of their own (pipelinedBegin), wrapped too.
 */
function namedStatements<T extends PgClient>(client: T): T {
  return new Proxy(client, {
    get(target, prop, receiver) {
      if (prop === "unsafe") {
        return (query: string, params?: unknown[], options?: { prepare?: boolean }) =>
          target.unsafe(query, params as never, { ...options, prepare: true });
      }
      if (prop === "begin") {
        return (...args: unknown[]) => pipelinedBegin(target, args.pop() as (tx: PgClient) => unknown);
      }
      return Reflect.get(target, prop, receiver);
    },
  });
}

/** A transaction's state on its reserved connection, for finalStatement. */
interface TxState {
  /** Set by finalStatement: the next statement is sent with COMMIT right behind it. */
  commitAfterNext: boolean;
  committing: Promise<unknown> | null;
}
const transactions = new WeakMap<object, TxState>();

/**
 * A transaction whose BEGIN travels with its first statement. postgres.js's own `begin` waits for
 * BEGIN's answer before the first statement is sent: one round trip and one socket write more
 * per transaction, for every transition. On a reserved connection, statements are sent in order
 * and writes made in one tick go out together, so BEGIN is queued without waiting and the body's
 * first statement joins it; BEGIN's own failure (a broken connection) fails that statement too.
 */
async function pipelinedBegin(pool: PgClient, body: (tx: PgClient) => unknown) {
  const connection = await pool.reserve();
  const state: TxState = { commitAfterNext: false, committing: null };
  let savepoints = 0;
  const client = (top: boolean): PgClient => {
    const named = namedStatements(connection);
    const scoped = new Proxy(named, {
      get(target, prop, receiver) {
        if (prop === "unsafe") {
          return (...args: Parameters<PgClient["unsafe"]>) => {
            if (state.committing) throw new Error("statement after the transaction's final statement");
            const query = target.unsafe(...args);
            if (top && state.commitAfterNext) {
              // postgres.js sends a query when it is first awaited; executing both now queues
              // COMMIT right behind it. A failed statement turns that COMMIT into a rollback.
              query.execute();
              state.committing = connection.unsafe("commit").execute();
              state.committing.catch(() => {}); // awaited when the body returns
            }
            return query;
          };
        }
        // drizzle's nested transactions.
        if (prop === "savepoint") {
          return async (inner: (tx: PgClient) => unknown) => {
            const name = `s${++savepoints}`;
            await connection.unsafe(`savepoint ${name}`);
            try {
              const result = await inner(client(false));
              await connection.unsafe(`release savepoint ${name}`);
              return result;
            } catch (error) {
              await connection.unsafe(`rollback to savepoint ${name}`);
              throw error;
            }
          };
        }
        return Reflect.get(target, prop, receiver);
      },
    });
    if (top) transactions.set(scoped, state);
    return scoped;
  };
  try {
    const begun = connection.unsafe("begin").execute();
    begun.catch(() => {}); // awaited below, after the body's first statement has gone with it
    let result: unknown;
    try {
      result = await body(client(true));
      await begun;
    } catch (error) {
      await connection.unsafe("rollback").catch(() => {});
      throw error;
    }
    await (state.committing ?? connection.unsafe("commit"));
    return result;
  } finally {
    connection.release();
  }
}

/**
 * Runs a transaction's last statement and ends the transaction with it: on the server, COMMIT is
 * sent right behind the statement instead of a round trip later, so the rows it locks are held
 * for that statement and the commit only (a decision's per-office number and journal head). The
 * transaction must send nothing after it; the body may still fail afterwards, but its writes are
 * committed. A failure of the statement itself rolls everything back. On PGlite, and inside a
 * nested transaction, it is an ordinary statement and the transaction commits when its body
 * returns.
 */
export async function finalStatement<T>(tx: DbOrTx, query: SQL | ShapedStatement): Promise<T[]> {
  // drizzle keeps the driver's client on the transaction's session.
  const client = (tx as unknown as { session?: { client?: object } }).session?.client;
  const state = client ? transactions.get(client) : undefined;
  if (state) state.commitAfterNext = true;
  try {
    return await queryRows<T>(tx, query);
  } finally {
    if (state) state.commitAfterNext = false;
  }
}

/**
 * The key of the session-level advisory lock every migration run holds, on the server and on PGlite
 * alike: two runs started at once apply the migrations one after the other, the second finding
 * nothing left to do. A fixed number, so every version of the app takes the same lock.
 */
export const MIGRATION_LOCK_KEY = 7_236_041_001;

/**
 * Applies the committed drizzle-kit migrations; the same files run on PGlite and on a server.
 * drizzle's migrator takes no lock: two runs on an empty server database both try CREATE TYPE and
 * the second fails. So the run holds an advisory lock, on the connection the migrator uses: on the
 * server a connection of its own (max 1, so drizzle's transaction takes the same one), on PGlite
 * its only connection. Returns how many migrations this run applied.
 */
export async function migrateDatabase(handle: DbHandle, opts: { migrationsDir?: string } = {}): Promise<{ applied: number }> {
  const migrationsFolder = folderOf(opts.migrationsDir);
  if (handle.driver === "postgres") {
    if (!handle.url) throw new Error("migrateDatabase: the handle has no server URL");
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const { migrate } = await import("drizzle-orm/postgres-js/migrator");
    const one = postgres(handle.url, { max: 1, onnotice: () => {} });
    try {
      await one`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
      const before = await appliedCount(one);
      await migrate(drizzle(one) as never, { migrationsFolder });
      await tightenGrants(one);
      const after = await appliedCount(one);
      await one`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
      return { applied: after - before };
    } finally {
      await one.end({ timeout: 5 });
    }
  }
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  const run = (q: string) => queryRows<Record<string, unknown>>(handle.db, sql.raw(q));
  await run(`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`);
  try {
    const before = await countApplied(run);
    await migrate(handle.db as never, { migrationsFolder });
    return { applied: (await countApplied(run)) - before };
  } finally {
    await run(`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`);
  }
}

// The table is made by the first run: a statement naming it fails to parse before that.
const MIGRATIONS_TABLE_EXISTS = `select to_regclass('drizzle.__drizzle_migrations') is not null as exists`;
const APPLIED_COUNT = `select count(*)::int as n from drizzle.__drizzle_migrations`;

async function appliedCount(client: PgClient): Promise<number> {
  const [{ exists }] = await client.unsafe<{ exists: boolean }[]>(MIGRATIONS_TABLE_EXISTS);
  if (!exists) return 0;
  const [row] = await client.unsafe<{ n: number }[]>(APPLIED_COUNT);
  return Number(row.n);
}

async function countApplied(run: (q: string) => Promise<Record<string, unknown>[]>): Promise<number> {
  const [{ exists }] = await run(MIGRATIONS_TABLE_EXISTS);
  if (!exists) return 0;
  const [row] = await run(APPLIED_COUNT);
  return Number(row.n);
}

/**
 * Rights no role but the owner may hold, whatever default privileges gave it when a migration made
 * the table (deploy/roles.sql): the journal and its anchors are append-only (UPDATE, DELETE and
 * TRUNCATE are taken back; the triggers of migrations 0001 and 0010 refuse them too), and drizzle's record of applied migrations
 * is read-only. Run after every migration run, as the owner.
 */
async function tightenGrants(client: PgClient) {
  await client.unsafe(`
    do $$
    declare g record;
    begin
      for g in
        select distinct t.table_schema, t.table_name, t.grantee
          from information_schema.role_table_grants t
          join pg_tables p on p.schemaname = t.table_schema and p.tablename = t.table_name
         where ((t.table_schema = 'public' and t.table_name in ('journal_entries', 'journal_anchors') and t.privilege_type in ('UPDATE', 'DELETE', 'TRUNCATE'))
             or (t.table_schema = 'drizzle' and t.privilege_type in ('INSERT', 'UPDATE', 'DELETE', 'TRUNCATE')))
           and t.grantee <> p.tableowner
      loop
        execute format('revoke %s on %I.%I from %I',
          case when g.table_schema = 'drizzle' then 'insert, update, delete, truncate' else 'update, delete, truncate' end,
          g.table_schema, g.table_name, g.grantee);
      end loop;
    end $$`);
}

/** Where a database's schema stands against the migrations this build ships. */
export type SchemaStatus =
  /** every shipped migration is applied, and nothing newer */
  | "current"
  /** no migration applied yet */
  | "empty"
  /** older than this build: `npm run db:migrate` brings it up */
  | "behind"
  /** a migration this build does not ship was applied (a newer build migrated it) */
  | "unknown";

export interface SchemaState {
  status: SchemaStatus;
  /** The newest migration applied: its tag when this build ships it, and drizzle's time stamp. */
  applied: { tag: string | null; when: number } | null;
  /** The newest migration this build ships. */
  shipped: { tag: string; when: number };
}

/** The migrations this build ships, oldest first, as drizzle-kit's journal lists them. */
export function shippedMigrations(opts: { migrationsDir?: string } = {}): { tag: string; when: number }[] {
  const journal = JSON.parse(readFileSync(path.join(folderOf(opts.migrationsDir), "meta", "_journal.json"), "utf8")) as {
    entries: { tag: string; when: number }[];
  };
  return journal.entries.map(({ tag, when }) => ({ tag, when }));
}

/**
 * The schema version: drizzle records each applied migration with its journal time stamp
 * (`created_at`), so the newest row says which migration the database is at.
 */
export async function schemaState(handle: DbHandle, opts: { migrationsDir?: string } = {}): Promise<SchemaState> {
  const shipped = shippedMigrations(opts);
  const newest = shipped[shipped.length - 1];
  const [{ exists }] = await queryRows<{ exists: boolean }>(handle.db, sql.raw(MIGRATIONS_TABLE_EXISTS));
  const rows = exists ? await queryRows<{ when: string | number | null }>(handle.db, sql.raw(`select max(created_at) as "when" from drizzle.__drizzle_migrations`)) : [];
  const raw = rows[0]?.when;
  if (raw === null || raw === undefined) return { status: "empty", applied: null, shipped: newest };
  const when = Number(raw);
  const known = shipped.find((m) => m.when === when);
  const applied = { tag: known?.tag ?? null, when };
  if (!known) return { status: "unknown", applied, shipped: newest };
  return { status: when === newest.when ? "current" : "behind", applied, shipped: newest };
}

export { schema };

/**
 * Raw SQL rows, whichever driver: postgres.js returns an array, PGlite an object with `rows`. A
 * shaped statement goes through the same session drizzle's `execute` uses, with its text as
 * compiled and its values in place of the placeholders.
 */
export async function queryRows<T>(db: DbOrTx, query: SQL | ShapedStatement): Promise<T[]> {
  const result = (
    isShaped(query)
      ? await (db as unknown as { session: PgSession }).session.prepareQuery(query.query, undefined, undefined, false).execute(query.values)
      : await db.execute(query)
  ) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

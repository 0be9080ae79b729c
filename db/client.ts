import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "./schema";

export type Schema = typeof schema;
/** The one database type the rest of the project sees, whichever driver is underneath. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

export interface DbHandle {
  db: Db;
  driver: "pglite" | "postgres";
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
 * PGlite persisted under `dataDir` ("memory://" keeps it in memory, for tests).
 */
export async function openDatabase(opts: { url?: string; dataDir?: string; max?: number } = {}): Promise<DbHandle> {
  if (opts.url) {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const sql = postgres(opts.url, { max: opts.max ?? 10, onnotice: () => {} });
    const db = drizzle(namedStatements(sql), { schema }) as unknown as Db;
    return { db, driver: "postgres", close: () => sql.end({ timeout: 5 }) };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const dataDir = opts.dataDir ?? "./data/pglite";
  if (!dataDir.startsWith("memory://")) mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create(dataDir);
  const db = drizzle(client, { schema }) as unknown as Db;
  return { db, driver: "pglite", close: () => client.close() };
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
export async function finalStatement<T>(tx: DbOrTx, query: SQL): Promise<T[]> {
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

/** Applies the committed drizzle-kit migrations; the same files run on PGlite and on a server. */
export async function migrateDatabase(handle: DbHandle, opts: { migrationsDir?: string } = {}): Promise<void> {
  const migrationsFolder = folderOf(opts.migrationsDir);
  if (handle.driver === "postgres") {
    const { migrate } = await import("drizzle-orm/postgres-js/migrator");
    await migrate(handle.db as never, { migrationsFolder });
  } else {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    await migrate(handle.db as never, { migrationsFolder });
  }
}

export { schema };

/** Raw SQL rows, whichever driver: postgres.js returns an array, PGlite an object with `rows`. */
export async function queryRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

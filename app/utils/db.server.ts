import { existsSync } from "node:fs";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { migrateDatabase, openDatabase, schemaState, type Db, type DbHandle, type SchemaState } from "../../db/client";
import { staffUsers } from "../../db/schema";
import { seedDemoData } from "../../db/seed";
import { env } from "./env.server";
import { log } from "./log.server";

// One database handle per process, kept on globalThis so that Vite's module reloads in dev reuse it
// (PGlite is a single connection and must be opened once).
const g = globalThis as unknown as { __dbReady?: Promise<DbHandle> };

/** What the app's start-up needs to know about its database (from the environment, or a test). */
export interface StartSettings {
  /** A PostgreSQL server; else the embedded database under `dataDir`. */
  url?: string;
  dataDir: string;
  /** Connections to the server this process may open (DATABASE_POOL_MAX; default 10). */
  poolMax?: number;
  migrationsDir?: string;
  /** How long a server process waits for `npm run db:migrate` before it gives up (0: not at all). */
  schemaWaitMs: number;
  /** DEMO_DATA: "1" seeds an empty database, "0" never; unset, only the embedded one. */
  demoData?: "0" | "1";
}

/** The demo data's passwords are public: only where asked for, or on the embedded database. */
export function demoDataWanted(settings: Pick<StartSettings, "demoData">, driver: DbHandle["driver"]): boolean {
  return settings.demoData ? settings.demoData === "1" : driver === "pglite";
}

/** The app will not serve this database: its schema is not the one this build was made for. */
export class SchemaRefused extends Error {
  constructor(
    message: string,
    readonly state: SchemaState,
  ) {
    super(message);
    this.name = "SchemaRefused";
  }
}

async function hasAdministrator(database: Db): Promise<boolean> {
  const [row] = await database
    .select({ id: staffUsers.id })
    .from(staffUsers)
    .where(and(eq(staffUsers.role, "admin"), eq(staffUsers.disabled, false)))
    .limit(1);
  return Boolean(row);
}

const describe = (s: SchemaState) => (s.applied ? (s.applied.tag ?? `an unknown migration (${s.applied.when})`) : "no migration");

/**
 * Waits until the schema is the one this build ships. A schema behind it (or none) may be being
 * migrated right now by the release step, so a server process waits for it, up to `waitMs`; a
 * schema this build does not know was migrated by a newer build, and no wait helps.
 */
async function requireKnownSchema(handle: DbHandle, settings: StartSettings): Promise<SchemaState> {
  const deadline = Date.now() + settings.schemaWaitMs;
  let told = false;
  for (;;) {
    const state = await schemaState(handle, { migrationsDir: settings.migrationsDir });
    if (state.status === "current") return state;
    if (state.status === "unknown") {
      throw new SchemaRefused(
        `the database is at ${describe(state)}, which this build (newest migration ${state.shipped.tag}) does not know: ` +
          `a newer version of the app migrated it. Start that version, not this one.`,
        state,
      );
    }
    if (Date.now() >= deadline) {
      throw new SchemaRefused(
        `the database is at ${describe(state)}; this build needs ${state.shipped.tag}. Run \`npm run db:migrate\` first (the release step).`,
        state,
      );
    }
    if (!told) log.warn({ at: describe(state), needs: state.shipped.tag }, "waiting for the release step (npm run db:migrate)");
    told = true;
    await new Promise((r) => setTimeout(r, Math.min(1000, Math.max(50, deadline - Date.now()))));
  }
}

/**
 * The app's start-up on its database. The embedded database belongs to this one process: it is
 * migrated here, under the migration lock. A server database is migrated by the release step
 * (`npm run db:migrate`), never by an app process, whose role has no DDL rights (deploy/roles.sql):
 * the process checks that the schema is the one it was built for and refuses to serve any other.
 */
export async function startDatabase(settings: StartSettings): Promise<DbHandle> {
  const handle = await openDatabase({ url: settings.url, dataDir: settings.dataDir, max: settings.poolMax });
  try {
    if (handle.driver === "pglite") await migrateDatabase(handle, { migrationsDir: settings.migrationsDir });
    const state = await requireKnownSchema(handle, settings);
    const { seeded } = demoDataWanted(settings, handle.driver) ? await seedDemoData(handle.db) : { seeded: false };
    if (seeded) log.warn({ driver: handle.driver }, "demo data loaded: its passwords are public (README); never on a real installation");
    log.info({ driver: handle.driver, schema: state.applied?.tag, seeded }, "database ready");
    if (!(await hasAdministrator(handle.db))) log.warn("no administrator yet: create the first one with `npm run admin:create`");
    return handle;
  } catch (error) {
    await handle.close();
    throw error;
  }
}

function open(): Promise<DbHandle> {
  const e = env();
  return startDatabase({
    url: e.DATABASE_URL,
    dataDir: e.PGLITE_DIR,
    poolMax: e.DATABASE_POOL_MAX,
    migrationsDir: e.MIGRATIONS_DIR,
    schemaWaitMs: e.SCHEMA_WAIT_SECONDS * 1000,
    demoData: e.DEMO_DATA,
  });
}

/**
 * True when the embedded database has not been created yet. Creating, migrating and seeding it
 * grows the embedded server's WebAssembly memory to about 900 MB, and that memory is never given
 * back while the process lives; so the production server does that set-up in a child process of
 * its own first (server.js, `setUpDatabase`), and serves in about 300 MB (docs/benchmarks.md).
 */
export function embeddedDatabaseIsNew(): boolean {
  const e = env();
  if (e.DATABASE_URL || e.PGLITE_DIR.startsWith("memory://")) return false;
  return !existsSync(path.join(e.PGLITE_DIR, "PG_VERSION"));
}

export function dbHandle(): Promise<DbHandle> {
  g.__dbReady ??= open();
  return g.__dbReady;
}

export async function db(): Promise<Db> {
  return (await dbHandle()).db;
}

export async function closeDb(): Promise<void> {
  // A start-up that failed has nothing to close.
  if (g.__dbReady) await (await g.__dbReady.catch(() => undefined))?.close();
  g.__dbReady = undefined;
}

/** postgres.js's codes for a connection that failed or went away, and Node's socket errors. */
const CONNECTION_CODES = new Set([
  "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EPIPE",
  "CONNECTION_CLOSED", "CONNECTION_ENDED", "CONNECTION_DESTROYED", "CONNECT_TIMEOUT",
]);

/**
 * Whether an error means the database cannot be reached (down, restarting, refusing connections),
 * rather than a bug or a refused statement: the answer is then 503, "try again", not 500. Follows
 * drizzle's wrapping (`cause`). SQLSTATE class 08 is a connection exception; 57P01-57P03 an
 * administrator or a crash shutting it down; 53300 no connection slot left.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === "object" && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = String((e as { code?: unknown }).code ?? "");
    if (CONNECTION_CODES.has(code) || code.startsWith("08") || ["57P01", "57P02", "57P03", "53300"].includes(code)) return true;
    if (e instanceof Error && /PGlite is closed/i.test(e.message)) return true;
  }
  return false;
}

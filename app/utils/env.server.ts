import { z } from "zod";
import { DEFAULT_DRAFT_TTL_DAYS } from "../../workflows/clock/deadlines";

/** An empty variable counts as unset (as `VAR= npm start` means), not as a malformed value. */
const unsetIfBlank = (value: unknown) => (value === "" ? undefined : value);

/**
 * Environment, checked once at boot: a typo fails the start, not the first request. Every variable
 * the app and the workflows use is read here; the workflows and the database module get their
 * settings passed in (entry.server.tsx, db.server.ts). server.js and scripts/start.js are plain
 * JavaScript that runs before this module can be loaded: they read their own bootstrap variables
 * (PORT, TRUST_PROXY, NODE_ENV, LOG_LEVEL, WEB_CONCURRENCY, DATABASE_URL) and say so; those read
 * here too are checked here.
 */
const schema = z.object({
  NODE_ENV: z.enum(["production", "development", "test"]).default("development"),
  DATABASE_URL: z.preprocess(unsetIfBlank, z.string().url().optional()),
  /**
   * Connections each app process may open to the database server. Processes × this must stay
   * below the server's max_connections, less what the migration step and psql need.
   */
  DATABASE_POOL_MAX: z.preprocess(unsetIfBlank, z.coerce.number().int().min(1).max(500).default(10)),
  PGLITE_DIR: z.string().default("./data/pglite"),
  /** Absolute base for links printed in QR codes (the verification page). */
  PUBLIC_BASE_URL: z.string().url().optional(),
  /** "0" turns off the Secure cookie flag for a plain-HTTP production trial on localhost. */
  SECURE_COOKIES: z.enum(["0", "1"]).optional(),
  SWEEP_INTERVAL_MS: z.coerce.number().int().positive().default(30_000),
  DRAFT_TTL_DAYS: z.coerce.number().int().positive().default(DEFAULT_DRAFT_TTL_DAYS),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** The port server.js listens on (read there too); part of the default APP_INSTANCE. */
  PORT: z.preprocess(unsetIfBlank, z.coerce.number().int().min(1).max(65535).default(3000)),
  /** This process's name in /metrics (`app_instance`); default host:port. */
  APP_INSTANCE: z.preprocess(unsetIfBlank, z.string().max(100).optional()),
  /** Bearer token that lets a remote Prometheus scrape /metrics (else only the machine itself). */
  METRICS_TOKEN: z.preprocess(unsetIfBlank, z.string().optional()),
  /**
   * The demo data set (public passwords) into an empty database at start: "1" anywhere, "0"
   * never; unset, only into the embedded database (`npm start` on a laptop), never on a server.
   */
  DEMO_DATA: z.preprocess(unsetIfBlank, z.enum(["0", "1"]).optional()),
  /**
   * How long an app process on a server waits, at start, for the release step (`npm run
   * db:migrate`) to bring the schema to the one it was built for, before it exits (0: no wait).
   */
  SCHEMA_WAIT_SECONDS: z.preprocess(unsetIfBlank, z.coerce.number().int().min(0).default(60)),
  /** Where the committed migrations are when they are not next to db/client.ts (a bundled build). */
  MIGRATIONS_DIR: z.preprocess(unsetIfBlank, z.string().optional()),
  /** libuv reads it itself; the Argon2 slots are sized from it (decision 042). */
  UV_THREADPOOL_SIZE: z.preprocess(unsetIfBlank, z.coerce.number().int().positive().optional()),
  /** App processes sharing the machine (server.js forks them; the Argon2 slots share the cores). */
  WEB_CONCURRENCY: z.preprocess(unsetIfBlank, z.coerce.number().int().positive().default(1)),
});

export type Env = z.infer<typeof schema>;

/** Every variable read here (deploy/.env.example must name each one). */
export const ENV_VARIABLES = Object.keys(schema.shape);

/** The settings from an environment; throws naming every malformed variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  return schema.parse(source);
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

export function secureCookies(): boolean {
  const e = env();
  return e.SECURE_COOKIES ? e.SECURE_COOKIES === "1" : e.NODE_ENV === "production";
}

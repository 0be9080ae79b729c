import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { isIP } from "node:net";
import { z } from "zod";
import { APPEAL_TEXT_LIMIT, DEFAULT_APPEAL_ROUTE } from "../../templates/appeal";
import { PAPER_LANGUAGE_SETTINGS, PAPER_LANGUAGE_SETTING_NAMES } from "../../templates/languages";
import type { AppealRoute } from "../../templates/types";
import { DEFAULT_DRAFT_TTL_DAYS, DEFAULT_HAND_OVER_DUE_MINUTES } from "../../workflows/clock/deadlines";

/** An empty variable counts as unset (as `VAR= npm start` means), not as a malformed value. */
const unsetIfBlank = (value: unknown) => (value === "" ? undefined : value);

/**
 * Environment, checked once at boot: a typo fails the start, not the first request. Every variable
 * the app and the workflows use is read here; the workflows and the database module get their
 * settings passed in (entry.server.tsx, db.server.ts). server.js and scripts/start.js are plain
 * JavaScript that runs before this module can be loaded: they read their own bootstrap variables
 * (PORT, NODE_ENV, LOG_LEVEL, WEB_CONCURRENCY, DATABASE_URL) and say so; those read here too are
 * checked here. The HTTP settings server.js needs once the build is loaded (TRUST_PROXY) it gets
 * from here (`httpSettings`).
 */
/** Express's names for address ranges, accepted in TRUST_PROXY besides addresses and CIDRs. */
const NAMED_RANGES = new Set(["loopback", "linklocal", "uniquelocal"]);

function isAddressOrRange(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [address, prefix, ...rest] = entry.split("/");
  const family = isIP(address);
  if (!family || rest.length) return false;
  if (prefix === undefined) return true;
  const bits = /^\d{1,3}$/.test(prefix) ? Number(prefix) : NaN;
  return bits >= 0 && bits <= (family === 4 ? 32 : 128);
}

/** One part of the appeal route in one language: printed as typed, so bounded to keep a copy on one page. */
const appealText = z.preprocess(
  (value) => (typeof value === "string" ? unsetIfBlank(value.trim()) : value),
  z.string().max(APPEAL_TEXT_LIMIT, `at most ${APPEAL_TEXT_LIMIT} characters (it is printed on every refusal)`).optional(),
);

/** The appeal route settings: each part in Kyrgyz and in Russian (decision 059). */
const APPEAL_SETTINGS = {
  body: { ky: "APPEAL_BODY_KY", ru: "APPEAL_BODY_RU" },
  timeLimit: { ky: "APPEAL_TIME_LIMIT_KY", ru: "APPEAL_TIME_LIMIT_RU" },
  address: { ky: "APPEAL_ADDRESS_KY", ru: "APPEAL_ADDRESS_RU" },
} as const;

/**
 * Which X-Forwarded-For entries to believe (Express's `trust proxy`). Unset or "0": none, the
 * connection's address is the client. A whole number n: n proxies stand in front (each appends the
 * address it saw), so the client is the n-th address from the right — what a client writes in the
 * header itself stays to the left of it and is ignored. Else a comma list of proxy addresses or
 * CIDR ranges: addresses from the right are skipped while they are listed proxies. "true" (believe
 * every entry, so the client chooses its own address) is refused.
 */
const trustProxy = z.preprocess(
  unsetIfBlank,
  z
    .string()
    .optional()
    .transform((value, ctx): number | string[] | false => {
      if (value === undefined || value === "0") return false;
      if (/^\d+$/.test(value)) return Number(value);
      const entries = value.split(",").map((e) => e.trim()).filter(Boolean);
      const wrong = entries.filter((e) => !isAddressOrRange(e));
      if (entries.length === 0 || wrong.length) {
        ctx.addIssue({ code: "custom", message: `a hop count or a comma list of proxy addresses/CIDRs, not ${JSON.stringify(wrong.join(",") || value)}` });
        return z.NEVER;
      }
      return entries;
    }),
);

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
  /**
   * The languages of the printed documents' fixed text: "ky,ru" (both, Kyrgyz first), "ky" or
   * "ru". What was typed (names, addresses, numbers) is printed as typed whatever the choice.
   */
  PAPER_LANGUAGES: z.preprocess(
    unsetIfBlank,
    z
      .enum(PAPER_LANGUAGE_SETTING_NAMES, { message: `one of ${PAPER_LANGUAGE_SETTING_NAMES.join(" | ")} (Kyrgyz before Russian)` })
      .default("ky,ru")
      .transform((setting) => PAPER_LANGUAGE_SETTINGS[setting]),
  ),
  /** "0" turns off the Secure cookie flag for a plain-HTTP production trial on localhost. */
  SECURE_COOKIES: z.enum(["0", "1"]).optional(),
  SWEEP_INTERVAL_MS: z.coerce.number().int().positive().default(30_000),
  DRAFT_TTL_DAYS: z.coerce.number().int().positive().default(DEFAULT_DRAFT_TTL_DAYS),
  HANDOVER_DUE_MINUTES: z.coerce.number().int().positive().max(7 * 24 * 60).default(DEFAULT_HAND_OVER_DUE_MINUTES),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** The port server.js listens on (read there too); part of the default APP_INSTANCE. */
  PORT: z.preprocess(unsetIfBlank, z.coerce.number().int().min(1).max(65535).default(3000)),
  /** This process's name in /metrics (`app_instance`); default host:port. */
  APP_INSTANCE: z.preprocess(unsetIfBlank, z.string().max(100).optional()),
  /**
   * Keys that sign the cookies whose content the server trusts (the applicant's just-saved
   * application): a comma list, each at least 32 characters; the first signs, every one is
   * accepted, so a key is rotated by putting the new one first and dropping the old one later.
   * Required in production on a server database (several processes must share them).
   */
  COOKIE_SECRETS: z.preprocess(
    unsetIfBlank,
    z
      .string()
      .transform((v) => v.split(",").map((k) => k.trim()).filter(Boolean))
      .refine((keys) => keys.length > 0 && keys.every((k) => k.length >= 32), "a comma list of keys of at least 32 characters")
      .optional(),
  ),
  /** Proxies in front of the app whose X-Forwarded-For is believed: a hop count or addresses. */
  TRUST_PROXY: trustProxy,
  /** Bearer token a Prometheus must send to scrape /metrics; without it /metrics answers no one. */
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
  /**
   * The language of a page when neither the language switch (cookie) nor the browser's
   * Accept-Language names one of ours: Kyrgyz (the state language) or Russian (the official
   * language). Russian by default, as before Kyrgyz existed (decision 058).
   */
  DEFAULT_LANGUAGE: z.preprocess(unsetIfBlank, z.enum(["ky", "ru"]).default("ru")),
  /**
   * Where a refusal can be appealed, printed on every refusal and shown on /status (decision 059):
   * the body that hears it, the time limit, the address, each in Kyrgyz and Russian. A part left
   * unset prints the default of templates/labels.ts; a part set in one language must be set in
   * the other too. Fixed in a refusal when it is issued: a change reaches later refusals only.
   */
  APPEAL_BODY_KY: appealText,
  APPEAL_BODY_RU: appealText,
  APPEAL_TIME_LIMIT_KY: appealText,
  APPEAL_TIME_LIMIT_RU: appealText,
  APPEAL_ADDRESS_KY: appealText,
  APPEAL_ADDRESS_RU: appealText,
  /**
   * Whether inspectors must enrol a TOTP second factor too (decision 065): "1" yes, "0" (default)
   * each inspector chooses. Supervisors and administrators always must.
   */
  TOTP_REQUIRED_FOR_INSPECTORS: z.preprocess(unsetIfBlank, z.enum(["0", "1"]).default("0")),
  /** libuv reads it itself; the Argon2 slots are sized from it (decision 042). */
  UV_THREADPOOL_SIZE: z.preprocess(unsetIfBlank, z.coerce.number().int().positive().optional()),
  /** App processes sharing the machine (server.js forks them; the Argon2 slots share the cores). */
  WEB_CONCURRENCY: z.preprocess(unsetIfBlank, z.coerce.number().int().positive().default(1)),
  /**
   * The RFC 3161 Time-Stamp Authority that anchors the journal's chain heads (decision 062): its
   * URL, where time-stamp queries are POSTed. Unset: no anchoring (a warning at start).
   */
  TSA_URL: z.preprocess(unsetIfBlank, z.string().url().optional()),
  /**
   * PEM file of the certificate that tokens must verify against: the TSA's own, or the CA that
   * issued it. Required with TSA_URL; journal:verify reads it too (never a certificate from the database).
   */
  TSA_CERT_FILE: z.preprocess(unsetIfBlank, z.string().optional()),
  /** How often each chain whose head moved is anchored (seconds). */
  ANCHOR_INTERVAL_SECONDS: z.preprocess(unsetIfBlank, z.coerce.number().int().min(1).max(86_400).default(60)),
  /**
   * Notices to applicants (decision 064). E-mail goes through this SMTP server, as a nodemailer URL
   * (smtp://user:password@host:587, smtps://… for implicit TLS). Unset: no e-mail is sent.
   */
  SMTP_URL: z.preprocess(unsetIfBlank, z.string().url().optional()),
  /** The sender of notice e-mails; required with SMTP_URL. */
  NOTICE_FROM: z.preprocess(unsetIfBlank, z.string().optional()),
  /** SMS goes through this HTTP gateway (a POST per message). Unset: no SMS is sent. */
  SMS_GATEWAY_URL: z.preprocess(unsetIfBlank, z.string().url().optional()),
  /** The gateway's Authorization header, as the provider gives it ("Bearer …", "Basic …"). */
  SMS_GATEWAY_AUTHORIZATION: z.preprocess(unsetIfBlank, z.string().optional()),
  /** The request body, with {to}, {text} and {id} replaced by the JSON-escaped values. */
  SMS_GATEWAY_BODY: z.preprocess(unsetIfBlank, z.string().default('{"to":"{to}","text":"{text}","id":"{id}"}')),
  /** Tries before a notice is given up (dead, shown to administrators, who may resend it). */
  NOTICE_MAX_ATTEMPTS: z.preprocess(unsetIfBlank, z.coerce.number().int().min(1).max(100).default(8)),
  /** The wait after a first failure (seconds); it doubles with each try, up to NOTICE_RETRY_CAP_SECONDS. */
  NOTICE_RETRY_BASE_SECONDS: z.preprocess(unsetIfBlank, z.coerce.number().min(0.01).max(86_400).default(30)),
  NOTICE_RETRY_CAP_SECONDS: z.preprocess(unsetIfBlank, z.coerce.number().min(0.01).max(86_400).default(3_600)),
  /** How often the outbox is looked at when idle (milliseconds). */
  NOTICE_INTERVAL_MS: z.preprocess(unsetIfBlank, z.coerce.number().int().min(10).max(3_600_000).default(5_000)),
});

const checked = schema.superRefine((e, ctx) => {
  if (e.TSA_URL && !e.TSA_CERT_FILE) {
    ctx.addIssue({ code: "custom", path: ["TSA_CERT_FILE"], message: "required with TSA_URL: the certificate the TSA's tokens are verified against" });
  }
  if (e.SMTP_URL && !e.NOTICE_FROM) {
    ctx.addIssue({ code: "custom", path: ["NOTICE_FROM"], message: "required with SMTP_URL: the address notices are sent from" });
  }
  if (e.NODE_ENV === "production" && e.DATABASE_URL && !e.COOKIE_SECRETS) {
    ctx.addIssue({ code: "custom", path: ["COOKIE_SECRETS"], message: "required in production on a server database: every process must sign with the same keys" });
  }
  // The paper prints a part in both languages: one configured and the other the default would say two different things.
  for (const names of Object.values(APPEAL_SETTINGS)) {
    const missing = !e[names.ky] !== !e[names.ru] ? (e[names.ky] ? names.ru : names.ky) : null;
    if (missing) ctx.addIssue({ code: "custom", path: [missing], message: `required with ${missing === names.ky ? names.ru : names.ky}: the paper prints the appeal route in Kyrgyz and Russian` });
  }
});

export type Env = z.infer<typeof schema>;

/** Every variable read here (deploy/.env.example must name each one). */
export const ENV_VARIABLES = Object.keys(schema.shape);

/** The settings from an environment; throws naming every malformed variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  return checked.parse(source);
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

export function secureCookies(e: Env = env()): boolean {
  return e.SECURE_COOKIES ? e.SECURE_COOKIES === "1" : e.NODE_ENV === "production";
}

/** The installation's appeal route (APPEAL_* settings), each part unset taking the default. */
export function appealRoute(e: Env = env()): AppealRoute {
  const part = (name: keyof typeof APPEAL_SETTINGS) => {
    const ky = e[APPEAL_SETTINGS[name].ky];
    const ru = e[APPEAL_SETTINGS[name].ru];
    return ky && ru ? { ky, ru } : DEFAULT_APPEAL_ROUTE[name];
  };
  return { body: part("body"), timeLimit: part("timeLimit"), address: part("address") };
}

/**
 * What server.js needs from the environment once the build is loaded: whom to believe about the
 * client's address, and whether to send Strict-Transport-Security (whenever cookies are Secure:
 * the site is meant to be reached over HTTPS only).
 */
export function httpSettings(e: Env = env()): { trustProxy: number | string[] | false; hsts: boolean } {
  return { trustProxy: e.TRUST_PROXY, hsts: secureCookies(e) };
}

// Without COOKIE_SECRETS (the embedded database: one process), a key of this process's own: the
// cookies it signed stop being accepted when it restarts, which costs an applicant a reprint.
let processKey: string | undefined;

/** The keys that sign and verify trusted cookies, newest first. */
export function cookieSecrets(): string[] {
  const keys = env().COOKIE_SECRETS;
  if (keys) return keys;
  processKey ??= randomBytes(32).toString("base64url");
  return [processKey];
}

/** The TSA that anchors the journal, or null when none is configured (anchoring off). */
export function tsaSettings(e: Env = env()): { url: string; trustedPem: string; intervalMs: number } | null {
  if (!e.TSA_URL || !e.TSA_CERT_FILE) return null;
  return { url: e.TSA_URL, trustedPem: readFileSync(e.TSA_CERT_FILE, "utf8"), intervalMs: e.ANCHOR_INTERVAL_SECONDS * 1000 };
}

/**
 * The notice providers this process sends through, and how it retries (decision 064); null when
 * none is configured, and then no worker runs: the outbox keeps the notices, the admin page shows them.
 */
export function noticeSettings(e: Env = env()) {
  if (!e.SMTP_URL && !e.SMS_GATEWAY_URL) return null;
  return {
    smtp: e.SMTP_URL && e.NOTICE_FROM ? { url: e.SMTP_URL, from: e.NOTICE_FROM } : null,
    sms: e.SMS_GATEWAY_URL ? { url: e.SMS_GATEWAY_URL, authorization: e.SMS_GATEWAY_AUTHORIZATION, bodyTemplate: e.SMS_GATEWAY_BODY } : null,
    maxAttempts: e.NOTICE_MAX_ATTEMPTS,
    baseDelayMs: e.NOTICE_RETRY_BASE_SECONDS * 1000,
    capMs: e.NOTICE_RETRY_CAP_SECONDS * 1000,
    intervalMs: e.NOTICE_INTERVAL_MS,
  };
}

/**
 * The link a notice gives to check the application: this site's /status at PUBLIC_BASE_URL, the
 * address applicants know it by. Null when it is not set: a worker has no request to take the
 * origin from, and behind a proxy its own address would be wrong.
 */
export function noticeStatusUrl(e: Env = env()): string | null {
  return e.PUBLIC_BASE_URL ? new URL("/status", e.PUBLIC_BASE_URL).href : null;
}

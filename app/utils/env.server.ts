import { z } from "zod";

/** Environment, checked once at boot: a typo fails the start, not the first request. */
const schema = z.object({
  NODE_ENV: z.enum(["production", "development", "test"]).default("development"),
  DATABASE_URL: z.string().url().optional(),
  PGLITE_DIR: z.string().default("./data/pglite"),
  /** Absolute base for links printed in QR codes (the verification page). */
  PUBLIC_BASE_URL: z.string().url().optional(),
  /** "0" turns off the Secure cookie flag for a plain-HTTP production trial on localhost. */
  SECURE_COOKIES: z.enum(["0", "1"]).optional(),
  SWEEP_INTERVAL_MS: z.coerce.number().int().positive().default(30_000),
  DRAFT_TTL_DAYS: z.coerce.number().int().positive().default(30),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;
export function env(): Env {
  cached ??= schema.parse(process.env);
  return cached;
}

export function secureCookies(): boolean {
  const e = env();
  return e.SECURE_COOKIES ? e.SECURE_COOKIES === "1" : e.NODE_ENV === "production";
}

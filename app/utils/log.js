// The app's one logger: structured JSON lines on stdout (pino). Plain JavaScript so that server.js,
// which runs before the build is loaded, logs through the same instance as the app: the server
// build bundles its own copy of this module, and both copies take the instance kept on globalThis.
import process from "node:process";
import pino from "pino";

const levels = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];
// A malformed LOG_LEVEL is reported by app/utils/env.server.ts at start; until then, info.
const level = levels.includes(process.env.LOG_LEVEL ?? "") ? process.env.LOG_LEVEL : "info";

/** Passwords, hashes, cookies and bearer tokens are redacted wherever they appear by key. */
const redact = {
  paths: [
    "password",
    "*.password",
    "passwordHash",
    "*.passwordHash",
    "cookie",
    "*.cookie",
    "*.headers.cookie",
    "authorization",
    "*.authorization",
    "*.headers.authorization",
  ],
  censor: "[redacted]",
};

const g = /** @type {{ __cabinetLog?: import("pino").Logger }} */ (globalThis);

/** @type {import("pino").Logger} */
export const log = (g.__cabinetLog ??= pino({ level, base: undefined, redact }));

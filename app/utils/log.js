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
    "newPassword",
    "*.newPassword",
    "newPasswordConfirm",
    "*.newPasswordConfirm",
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
export const log = (g.__cabinetLog ??= pino({ level, base: undefined, redact, serializers: { err: (error) => errorForLog(error) } }));

const INN = /(?<!\d)\d{14}(?!\d)/g;
// An application code (workflows/application/code.ts): 10 symbols of its alphabet, as typed or as
// shown (XXXX-XXXX-XX), any case. No route has a ten-letter segment without I, L and O, so only a
// code (or a word typed into a URL) is replaced.
const CODE_SYMBOL = "[2-9A-HJKMNP-Za-hjkmnp-z]";
const CODE = new RegExp(`(?<![A-Za-z0-9-])(?:${CODE_SYMBOL}{4}-${CODE_SYMBOL}{4}-${CODE_SYMBOL}{2}|${CODE_SYMBOL}{10})(?![A-Za-z0-9-])`, "g");

/**
 * A request path as the log may hold it: INNs and application codes replaced (docs/operations.md:
 * the log holds none). server.js logs every request's path through it; errors are logged with it.
 * @param {string} path
 * @returns {string}
 */
export function redactPath(path) {
  return path.replace(INN, "[inn]").replace(CODE, "[code]");
}

/**
 * An error as the log holds it: pino's serialization, a failed statement's parameters dropped (its
 * message quotes them: an INN, a login), INNs and codes in its text replaced.
 * @param {Error} error
 * @returns {unknown}
 */
export function errorForLog(error) {
  return redactError(pino.stdSerializers.err(error), 0);
}

/** @param {unknown} value @param {number} depth @returns {unknown} */
function redactError(value, depth) {
  if (typeof value === "string") return redactPath(value.replace(/\nparams: [^\n]*/g, "\nparams: [redacted]"));
  if (depth > 4 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => redactError(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === "params" ? "[redacted]" : redactError(v, depth + 1)]));
}

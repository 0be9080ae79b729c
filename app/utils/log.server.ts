/**
 * Structured JSON logs, one logger for server.js and the app (app/utils/log.js). Passwords,
 * hashes, cookies and bearer tokens are redacted wherever they appear; INNs and application codes
 * in logged paths and errors are replaced, and a failed statement's parameters dropped.
 */
export { errorForLog, log, redactPath } from "./log.js";

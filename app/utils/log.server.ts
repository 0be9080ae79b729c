/**
 * Structured JSON logs, one logger for server.js and the app (app/utils/log.js). Passwords,
 * hashes, cookies and bearer tokens are redacted wherever they appear.
 */
export { log } from "./log.js";

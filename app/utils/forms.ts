import type { z } from "zod";
import { validate } from "../../workflows/forms/parse";

/**
 * The one way a form enters the app: `parseForm(form, schema)` gives the schema's typed value or
 * throws the domain's `validation` error with a message key per field, which `actionError`
 * (errors.server.ts) turns into what the page shows. Query-string filters go the same way.
 */

const SKIPPED = ["csrf", "intent"];
const UNSAFE = new Set(["__proto__", "constructor", "prototype"]);

/**
 * Turns flat form fields named with dots ("representative.name") into nested objects. Empty strings
 * become undefined so optional fields stay optional; the CSRF field and the intent are dropped.
 */
export function nestForm(form: FormData | URLSearchParams, skip: string[] = SKIPPED): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, raw] of form.entries()) {
    if (skip.includes(key) || typeof raw !== "string") continue;
    const value = raw === "" ? undefined : raw;
    const path = key.split(".");
    let node = out;
    for (const part of path.slice(0, -1)) {
      if (UNSAFE.has(part)) return out;
      node = (node[part] ??= {}) as Record<string, unknown>;
    }
    const leaf = path[path.length - 1];
    if (UNSAFE.has(leaf)) continue;
    if (value !== undefined) node[leaf] = value;
  }
  return out;
}

// By shape, not class: the server's FormData may come from a polyfill.
function isFieldList(form: object): form is FormData | URLSearchParams {
  return typeof (form as FormData).entries === "function" && typeof (form as FormData).getAll === "function";
}

/**
 * The schema's value for a submitted form (or a query string, or fields already nested by the
 * caller); a `validation` WorkflowError with `details.issues` when any field is wrong.
 */
export function parseForm<S extends z.ZodType>(form: FormData | URLSearchParams | Record<string, unknown>, schema: S, messageKey?: string): z.output<S> {
  const input = isFieldList(form) ? nestForm(form) : form;
  return validate(schema, input, messageKey);
}

/** The submitted text fields to put back into the form after a refusal; never the secrets or the token. */
export function formValues(form: FormData, omit: (name: string) => boolean = (name) => name === "csrf" || name.startsWith("password")): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of form.entries()) if (typeof value === "string" && !omit(key)) out[key] = value;
  return out;
}

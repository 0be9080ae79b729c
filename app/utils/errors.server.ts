import { data } from "@remix-run/node";
import { isWorkflowError, type WorkflowError } from "../../workflows/errors";

/**
 * The message key shown next to each field: every issue of a `validation` error (`details.issues`,
 * from parseForm or a workflow's own check) and a refusal about one field (`details.field`). The
 * first problem of a field wins. `keyPrefix` makes the keys the page's own (`"apply:"`,
 * `"supervisor:errors."`), so the page passes them to `t` as they are.
 */
export function fieldMessages(error: WorkflowError, keyPrefix = ""): Record<string, string> {
  const out: Record<string, string> = {};
  const issues = Array.isArray(error.details.issues) ? (error.details.issues as { path?: unknown; message?: unknown }[]) : [];
  for (const issue of issues) out[String(issue.path ?? "") || "_form"] ??= keyPrefix + String(issue.message);
  if (typeof error.details.field === "string") out[error.details.field] ??= keyPrefix + error.messageKey;
  return out;
}

/**
 * The one way a domain refusal reaches the page: the same page with an i18n message, the message
 * of each field, and the right status (400 bad input, 403 wrong office, 409 someone else was first
 * or the record exists). `extra` is merged in (the values to put back, which form failed).
 * Anything that is not a WorkflowError is a bug and goes to the error boundary.
 */
export function actionError<E extends Record<string, unknown> = Record<never, never>>(error: unknown, opts: { keyPrefix?: string; extra?: E } = {}) {
  if (isWorkflowError(error)) {
    const prefix = opts.keyPrefix ?? "";
    const body = {
      ok: false as const,
      error: { key: prefix + error.messageKey, code: error.code, details: error.details },
      fields: fieldMessages(error, prefix),
      ...opts.extra,
    } as Flat<ActionErrorData & E>;
    return data(body, { status: error.status });
  }
  throw error;
}

type Flat<T> = { [K in keyof T]: T[K] };
export type ActionErrorData = { ok: false; error: { key: string; code: string; details: Record<string, unknown> }; fields: Record<string, string> };

import { data } from "@remix-run/node";
import { isWorkflowError } from "../../workflows/errors";

/**
 * Turns a domain refusal into what the page shows: the same page with an i18n message and the
 * right status (400 bad input, 403 wrong office, 409 someone else was first). Anything else is a bug
 * and goes to the error boundary.
 */
export function actionError(error: unknown) {
  if (isWorkflowError(error)) {
    return data(
      { ok: false as const, error: { key: error.messageKey, code: error.code, details: error.details } },
      { status: error.status },
    );
  }
  throw error;
}

export type ActionErrorData = { ok: false; error: { key: string; code: string; details: Record<string, unknown> } };

/**
 * The one error type of the domain. `code` decides the HTTP status at the edge; `messageKey` is an
 * i18n key (errors.<key>) so the page says it in the user's language; `details` feeds the message.
 */
export type WorkflowErrorCode =
  | "validation" // 400: bad input, nothing changed
  | "unauthorized" // 401: unknown credentials
  | "forbidden" // 403: wrong role or wrong office (R13)
  | "not_found" // 404
  | "conflict" // 409: the machine does not allow the event in the current state
  | "stale" // 409: someone else changed the record first
  | "rate_limited"; // 429

const statusByCode: Record<WorkflowErrorCode, number> = {
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  stale: 409,
  rate_limited: 429,
};

export class WorkflowError extends Error {
  readonly status: number;
  constructor(
    readonly code: WorkflowErrorCode,
    readonly messageKey: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(`${code}: ${messageKey}`);
    this.name = "WorkflowError";
    this.status = statusByCode[code];
  }
}

export function isWorkflowError(e: unknown): e is WorkflowError {
  return e instanceof WorkflowError;
}

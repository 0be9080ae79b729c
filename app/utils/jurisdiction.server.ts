import { isWorkflowError } from "../../workflows/errors";
import { officeInScope, type Jurisdiction, type OfficeInScope } from "../../workflows/subject/jurisdiction";

/** An office out of the staff member's sight answers a plain 403, whichever check found it. */
function forbiddenAs403(error: unknown): never {
  if (isWorkflowError(error) && error.code === "forbidden") throw new Response("Forbidden", { status: 403, statusText: "Forbidden" });
  throw error;
}

/** The office a page's `?office=` names, if the staff member sees it (decision 067); 403 otherwise. */
export function officeOfRequest(scope: Jurisdiction, asked: string | null): OfficeInScope {
  try {
    return officeInScope(scope, asked);
  } catch (error) {
    forbiddenAs403(error);
  }
}

/**
 * A read that checks the jurisdiction itself (decision 074). The page checked it a moment before,
 * but an administrator may narrow it in between: that answers 403 too, not a server error.
 */
export function readInSight<T>(read: Promise<T>): Promise<T> {
  return read.catch(forbiddenAs403);
}

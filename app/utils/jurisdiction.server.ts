import { isWorkflowError } from "../../workflows/errors";
import { officeInScope, type Jurisdiction, type OfficeInScope } from "../../workflows/subject/jurisdiction";

/** The office a page's `?office=` names, if the staff member sees it (decision 067); 403 otherwise. */
export function officeOfRequest(scope: Jurisdiction, asked: string | null): OfficeInScope {
  try {
    return officeInScope(scope, asked);
  } catch (error) {
    if (isWorkflowError(error)) throw new Response("Forbidden", { status: 403, statusText: "Forbidden" });
    throw error;
  }
}

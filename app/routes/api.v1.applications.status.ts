import { publicStatus } from "../../workflows/subject";
import { journalEvent } from "~/api/journal-event";
import { statusRequestSchema } from "~/api/schemas";
import { apiEndpoint, apiMethodNotAllowed, json, problem } from "~/utils/api.server";
import { db } from "~/utils/db.server";

/** The status of an application by INN + generated code, with the application's own events. */
export const action = apiEndpoint(statusRequestSchema, async ({ body, requestId }) => {
  const status = await publicStatus(await db(), body.inn.replace(/[\s-]/g, ""), body.code);
  if (!status) return problem("not-found", requestId);
  return json({
    stage: status.stage,
    status: status.status,
    requestKind: status.requestKind,
    savedAt: new Date(status.savedAt).toISOString(),
    expiresAt: new Date(status.expiresAt).toISOString(),
    returnReasons: status.returnReasons,
    decision: status.decision ? { outcome: status.decision.outcome, decidedAt: new Date(status.decision.decidedAt).toISOString(), number: status.decision.number } : null,
    events: status.journal.map(journalEvent),
  });
});

export const loader = apiMethodNotAllowed;

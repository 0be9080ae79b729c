import { publicStatus } from "../../workflows/subject";
import { journalEvent } from "~/api/journal-event";
import { statusRequestSchema } from "~/api/schemas";
import { standingJson } from "~/api/standing";
import { apiEndpoint, apiMethodNotAllowed, json, problem } from "~/utils/api.server";
import { db } from "~/utils/db.server";
import { hitRateLimit, LIMITS, refundRateLimit } from "~/utils/rate-limit.server";

/**
 * The status of an application by INN + generated code, with the application's own events. Besides
 * the key's limit, lookups are counted per INN (one subject's code guessed from anywhere) and per
 * address (many subjects' codes guessed from one place); a lookup that finds its application gives
 * both hits back, so the Cabinet's own users never reach them.
 */
export const action = apiEndpoint(statusRequestSchema, async ({ body, reply, call }) => {
  const database = await db();
  const inn = body.inn.replace(/[\s-]/g, "");
  const now = new Date();
  const counted = [];
  for (const [bucket, rule] of [
    [`api:status:inn:${inn}`, LIMITS.statusLookupPerInn],
    [`api:status:ip:${call.clientIp}`, LIMITS.apiStatusLookup],
  ] as const) {
    const room = await hitRateLimit(database, bucket, rule, now);
    if (!room.allowed) return problem("rate-limited", reply, { retryAfterSeconds: room.retryAfterSeconds });
    counted.push({ bucket, room });
  }
  const status = await publicStatus(database, inn, body.code, now);
  if (!status) return problem("not-found", reply);
  for (const { bucket, room } of counted) await refundRateLimit(database, bucket, room);
  return json({
    stage: status.stage,
    status: status.status,
    requestKind: status.requestKind,
    savedAt: new Date(status.savedAt).toISOString(),
    expiresAt: new Date(status.expiresAt).toISOString(),
    returnReasons: status.returnReasons,
    decision: status.decision
      ? { outcome: status.decision.outcome, decidedAt: new Date(status.decision.decidedAt).toISOString(), number: status.decision.number, standing: standingJson(status.decision.standing) }
      : null,
    events: status.journal.map(journalEvent),
  });
});

export const loader = apiMethodNotAllowed;

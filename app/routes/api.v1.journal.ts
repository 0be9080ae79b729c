import { normalizeLogin } from "../../workflows/account/login";
import { verifyCredentials } from "../../workflows/credentials/verify";
import { accountInnByLogin } from "../../workflows/account/lookup";
import { subjectJournalForPrint } from "../../workflows/subject";
import { journalEvent } from "~/api/journal-event";
import { credentialsSchema } from "~/api/schemas";
import { apiEndpoint, apiMethodNotAllowed, json, problem } from "~/utils/api.server";
import { db } from "~/utils/db.server";
import { hitRateLimit, LIMITS, refundRateLimit } from "~/utils/rate-limit.server";

/** The account holder's own journal (UA seed), authenticated by login and password. */
export const action = apiEndpoint(credentialsSchema, async ({ body, requestId }) => {
  const database = await db();
  const login = normalizeLogin(body.login);
  const bucket = `api:login:${login}`;
  const room = await hitRateLimit(database, bucket, LIMITS.apiLogin);
  if (!room.allowed) return problem("rate-limited", requestId, { retryAfterSeconds: room.retryAfterSeconds });
  const answer = await verifyCredentials(database, body, new Date());
  if (!answer.valid) return problem("invalid-credentials", requestId);
  await refundRateLimit(database, bucket);
  const inn = await accountInnByLogin(database, login);
  const events = await subjectJournalForPrint(database, inn!);
  return json({ login, inn, events: events.map(journalEvent) });
});

export const loader = apiMethodNotAllowed;

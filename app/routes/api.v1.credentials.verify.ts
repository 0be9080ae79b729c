import { normalizeLogin } from "../../workflows/account/login";
import { verifyCredentials } from "../../workflows/credentials/verify";
import { credentialsSchema } from "~/api/schemas";
import { apiEndpoint, apiMethodNotAllowed, json, problem } from "~/utils/api.server";
import { db } from "~/utils/db.server";
import { hitRateLimit, LIMITS, refundRateLimit } from "~/utils/rate-limit.server";

/** The Taxpayer Cabinet asks whether a login + password is valid and the access active. */
export const action = apiEndpoint(credentialsSchema, async ({ body, requestId }) => {
  const database = await db();
  // Failures per login are limited, so guessing one subject's password is slow whoever asks.
  const bucket = `api:login:${normalizeLogin(body.login)}`;
  const room = await hitRateLimit(database, bucket, LIMITS.apiLogin);
  if (!room.allowed) return problem("rate-limited", requestId, { retryAfterSeconds: room.retryAfterSeconds });
  const answer = await verifyCredentials(database, body, new Date());
  if (answer.valid) await refundRateLimit(database, bucket);
  return json(answer);
});

export const loader = apiMethodNotAllowed;

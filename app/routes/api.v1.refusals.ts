import { refuseElectronicInteraction } from "../../workflows/account/refusal";
import { isWorkflowError } from "../../workflows/errors";
import { verificationUrl } from "../../templates";
import { credentialsSchema } from "~/api/schemas";
import { apiEndpoint, apiMethodNotAllowed, json, problem } from "~/utils/api.server";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { cabinetGuesses, cabinetSource } from "~/utils/credential-check.server";
import { hitRateLimits, refundRateLimits } from "~/utils/rate-limit.server";

/** Online refusal of electronic interaction (UA seed), sent by the Cabinet on the subject's behalf. */
export const action = apiEndpoint(credentialsSchema, async ({ body, clientId, reply, call }) => {
  const database = await db();
  const rooms = await hitRateLimits(database, cabinetGuesses(body.login, cabinetSource({ clientAddress: body.clientAddress, clientId })));
  if (!rooms.allowed) return problem("rate-limited", reply, { retryAfterSeconds: rooms.retryAfterSeconds });
  try {
    const result = await refuseElectronicInteraction(database, { type: "api", clientId }, { login: body.login, password: body.password }, new Date());
    await refundRateLimits(database, rooms);
    const baseUrl = env().PUBLIC_BASE_URL ?? call.origin();
    const noticeVerificationUrl = verificationUrl({ id: result.notice.id, contentHash: result.notice.contentHash, baseUrl });
    return json({ login: result.login, accessEndsAt: result.accessEndsAt.toISOString(), noticeVerificationUrl }, 201);
  } catch (error) {
    if (!isWorkflowError(error) || error.code !== "unauthorized") await refundRateLimits(database, rooms);
    throw error;
  }
}, { checksPassword: true });

export const loader = apiMethodNotAllowed;

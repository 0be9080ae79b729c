import { credentialsSchema } from "~/api/schemas";
import { apiEndpoint, apiMethodNotAllowed, json, problem } from "~/utils/api.server";
import { cabinetSource, checkCredentialsWithinLimit } from "~/utils/credential-check.server";
import { db } from "~/utils/db.server";

/** The Taxpayer Cabinet asks whether a login + password is valid and the access active. */
export const action = apiEndpoint(credentialsSchema, async ({ body, reply, clientId }) => {
  const checked = await checkCredentialsWithinLimit(await db(), body, new Date(), cabinetSource({ clientAddress: body.clientAddress, clientId }));
  if (checked.limited) return problem("rate-limited", reply, { retryAfterSeconds: checked.retryAfterSeconds });
  return json(checked.answer);
}, { checksPassword: true });

export const loader = apiMethodNotAllowed;

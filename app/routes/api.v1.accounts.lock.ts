import { selfLockAccount } from "../../workflows/account/holder";
import { credentialsSchema } from "~/api/schemas";
import { apiEndpoint, apiMethodNotAllowed, json } from "~/utils/api.server";
import { db } from "~/utils/db.server";
import { holderStep } from "~/utils/holder-api.server";

/** The holder locks the account at once on suspected compromise (decision 060). */
export const action = apiEndpoint(credentialsSchema, async ({ body, clientId, reply }) => {
  const database = await db();
  return holderStep(database, { login: body.login, clientAddress: body.clientAddress, clientId, reply }, async () => {
    const result = await selfLockAccount(database, { type: "api", clientId }, { login: body.login, password: body.password }, new Date());
    return json({ login: result.login, status: "locked", lockedAt: result.lockedAt.toISOString() });
  });
}, { checksPassword: true });

export const loader = apiMethodNotAllowed;

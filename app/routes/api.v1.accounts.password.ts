import { changePasswordByHolder } from "../../workflows/account/holder";
import { passwordChangeSchema } from "~/api/schemas";
import { apiEndpoint, apiMethodNotAllowed, json } from "~/utils/api.server";
import { db } from "~/utils/db.server";
import { holderStep } from "~/utils/holder-api.server";

/** The holder changes the password with the current one, under the application's rule R16 (decision 060). */
export const action = apiEndpoint(passwordChangeSchema, async ({ body, clientId, reply }) => {
  const database = await db();
  return holderStep(database, { login: body.login, clientAddress: body.clientAddress, clientId, reply }, async () => {
    const { login, password, newPassword, newPasswordConfirm } = body;
    const result = await changePasswordByHolder(database, { type: "api", clientId }, { login, password, newPassword, newPasswordConfirm }, new Date());
    return json({ login: result.login, passwordChangedAt: result.passwordChangedAt.toISOString() });
  });
}, { checksPassword: true });

export const loader = apiMethodNotAllowed;

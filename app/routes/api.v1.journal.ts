import { normalizeLogin } from "../../workflows/account/login";
import { accountInnByLogin } from "../../workflows/account/lookup";
import { subjectJournalForPrint } from "../../workflows/subject";
import { journalEvent } from "~/api/journal-event";
import { credentialsSchema } from "~/api/schemas";
import { apiEndpoint, apiMethodNotAllowed, json, problem } from "~/utils/api.server";
import { cabinetSource, checkCredentialsWithinLimit } from "~/utils/credential-check.server";
import { db } from "~/utils/db.server";

/** The account holder's own journal (UA seed), authenticated by login and password. */
export const action = apiEndpoint(credentialsSchema, async ({ body, reply, clientId }) => {
  const database = await db();
  const login = normalizeLogin(body.login);
  const checked = await checkCredentialsWithinLimit(database, body, new Date(), cabinetSource({ clientAddress: body.clientAddress, clientId }));
  if (checked.limited) return problem("rate-limited", reply, { retryAfterSeconds: checked.retryAfterSeconds });
  if (!checked.answer.valid) return problem("invalid-credentials", reply);
  const inn = await accountInnByLogin(database, login);
  const events = await subjectJournalForPrint(database, inn!);
  return json({ login, inn, events: events.map(journalEvent) });
}, { checksPassword: true });

export const loader = apiMethodNotAllowed;

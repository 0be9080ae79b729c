import { eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { accessAccounts } from "../../db/schema";
import { normalizeLogin } from "./login";

/** The INN an account's login belongs to (the login never changes, so neither does this). */
export async function accountInnByLogin(db: DbOrTx, login: string): Promise<string | null> {
  const [row] = await db.select({ inn: accessAccounts.inn }).from(accessAccounts).where(eq(accessAccounts.login, normalizeLogin(login)));
  return row?.inn ?? null;
}

import { eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { accessAccounts } from "../../db/schema";
import type { AccessFact } from "../application/machine";
import type { AccountContext } from "./machine";

type AccountRow = typeof accessAccounts.$inferSelect;

/**
 * The subject's access as an annulment application's events carry it (decision 047): none, or the
 * account's state, and for an annulled one when and why it was annulled (the account machine's own
 * record of it).
 */
export function accessFact(account: Pick<AccountRow, "status" | "snapshot" | "updatedAt"> | null): AccessFact {
  if (!account) return { status: "none" };
  if (account.status !== "annulled") return { status: account.status };
  const ctx = (account.snapshot as { context?: Partial<AccountContext> } | null)?.context;
  return { status: "annulled", at: ctx?.annulledAt ?? account.updatedAt.toISOString(), for: ctx?.annulledFor ?? null };
}

/** The subject's account by INN, locked for the caller's transaction when it will write it. */
export async function accountByInn(tx: DbOrTx, inn: string, lock: boolean): Promise<AccountRow | null> {
  const q = tx.select().from(accessAccounts).where(eq(accessAccounts.inn, inn));
  const [account] = lock ? await q.for("update") : await q;
  return account ?? null;
}

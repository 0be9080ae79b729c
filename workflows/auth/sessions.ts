import { eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { sessions } from "../../db/schema";

/**
 * Ends every session of a person, inside the caller's transaction (decision 068): disabling, a
 * password set by an administrator or by the person, a factor reset. Their next request is signed
 * out, and a failure of the act keeps the sessions with everything else.
 */
export async function endSessions(tx: DbOrTx, userId: string): Promise<number> {
  const ended = await tx.delete(sessions).where(eq(sessions.userId, userId)).returning({ id: sessions.id });
  return ended.length;
}

import { and, eq, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { corrections } from "../../db/schema";

/**
 * The one test of "this decision was revoked" (decision 063): an approved revocation names it. The
 * revocation's own lookup, the standing of acts, the hand-over board and the several-applications
 * guard all ask it here, so they cannot disagree about which corrections count.
 */
export function approvedRevocationOf(decisionId: SQLWrapper | string): SQL {
  return and(eq(corrections.kind, "revoke_decision"), eq(corrections.status, "approved"), eq(corrections.targetId, decisionId as never))!;
}

/** The same test inside a statement over decisions: `exists` an approved revocation of that row. */
export function decisionIsRevoked(decisionId: SQLWrapper): SQL {
  return sql`exists (select 1 from ${corrections} where ${approvedRevocationOf(decisionId)})`;
}

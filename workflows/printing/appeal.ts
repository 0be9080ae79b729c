import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { printedDocuments } from "../../db/schema";
import { appealRouteOf, DEFAULT_APPEAL_ROUTE } from "../../templates/appeal";
import type { AppealRoute } from "../../templates/types";

/**
 * The installation's appeal route (APPEAL_* settings), set at start (app/entry.server.tsx); the
 * default of templates/labels.ts until then. Read only when a refusal is issued: what it says is
 * then fixed in the refusal's payload (decision 059).
 */
let configured: AppealRoute = DEFAULT_APPEAL_ROUTE;

export function configureAppealRoute(route: AppealRoute | null): void {
  configured = route ?? DEFAULT_APPEAL_ROUTE;
}

/** The route a refusal issued now carries: a copy, so a later configuration never reaches an issued payload. */
export function currentAppealRoute(): AppealRoute {
  return structuredClone(configured);
}

/**
 * Where a refusal decision can be appealed, as its paper was issued: `printed` with the route
 * stored in the refusal's payload; `not_printed` before its first print (the route is fixed then);
 * `not_on_paper` for a refusal issued before the route was printed. The status page and the paper
 * read the same payload through templates/appeal.ts appealRouteOf.
 */
export type RefusalAppeal = { state: "printed"; route: AppealRoute } | { state: "not_printed" } | { state: "not_on_paper" };

export async function refusalAppeal(db: DbOrTx, decisionId: string): Promise<RefusalAppeal> {
  const [doc] = await db
    .select({ payload: printedDocuments.payload })
    .from(printedDocuments)
    .where(and(eq(printedDocuments.sourceId, decisionId), eq(printedDocuments.kind, "decision_refusal")))
    .limit(1);
  if (!doc) return { state: "not_printed" };
  const route = appealRouteOf(doc.payload);
  return route ? { state: "printed", route } : { state: "not_on_paper" };
}

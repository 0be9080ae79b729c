import { eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client";
import { annulments, printedDocuments, staffUsers } from "../../db/schema";
import type { ApplicationView } from "../application/queries";
import type { PrintSource } from "./print";

export interface PrintedRef {
  id: string;
  kind: string;
  number: string;
  officeCode: string | null;
  reprints: number;
}

/**
 * What the front-desk page shows around an application besides the application itself: the
 * annulment it entered, the notice it prints (of that annulment, or its own when it found the
 * access already annulled), the papers printed for it, and the names of the staff who acted.
 */
export async function deskDetails(db: Db, app: ApplicationView) {
  const [annulment] = await db
    .select({ id: annulments.id, status: annulments.status, effectiveAt: annulments.effectiveAt })
    .from(annulments)
    .where(eq(annulments.applicationId, app.id));
  const noticeSource: PrintSource | null = annulment
    ? { source: "annulment", id: annulment.id }
    : app.status === "already_annulled"
      ? { source: "already_annulled", id: app.id }
      : null;
  const sources = [app.id, app.decision?.id, annulment?.id].filter((x): x is string => Boolean(x));
  const documents: PrintedRef[] = await db
    .select({ id: printedDocuments.id, kind: printedDocuments.kind, number: printedDocuments.number, officeCode: printedDocuments.officeCode, reprints: printedDocuments.reprints })
    .from(printedDocuments)
    .where(inArray(printedDocuments.sourceId, sources));
  const staffIds = [app.presentedBy, app.acceptedBy, app.closedBy, app.decision?.decidedBy, app.decision?.handOverBy].filter((x): x is string => Boolean(x));
  const names = staffIds.length
    ? await db.select({ id: staffUsers.id, fullName: staffUsers.fullName }).from(staffUsers).where(inArray(staffUsers.id, [...new Set(staffIds)]))
    : [];
  return {
    annulment: annulment ? { id: annulment.id, status: annulment.status, effectiveAt: annulment.effectiveAt } : null,
    noticeSource,
    documents,
    staffNames: Object.fromEntries(names.map((n) => [n.id, n.fullName])) as Record<string, string>,
  };
}

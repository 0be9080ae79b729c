import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { printedDocuments } from "../../db/schema";
import type { Actor } from "../actor";
import { WorkflowError } from "../errors";
import { appendJournal } from "../journal";
import { assertMayPrint } from "./access";
import type { IssuedDocument } from "./types";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A reprint is the same document (same number, payload and QR code) marked as a duplicate with the
 * reprint's date; each one is counted and journaled as evidence that a second paper exists.
 */
export async function reprintDocument(db: Db, actor: Actor, documentId: string, now: Date): Promise<IssuedDocument> {
  if (!UUID.test(documentId)) throw new WorkflowError("not_found", "documents.not_found", { documentId });
  return db.transaction(async (tx) => {
    const [doc] = await tx.select().from(printedDocuments).where(eq(printedDocuments.id, documentId)).for("update");
    if (!doc)
      throw new WorkflowError("not_found", "documents.not_found", {
        documentId,
      });
    assertMayPrint(actor, doc.officeCode, doc.kind);
    const [updated] = await tx
      .update(printedDocuments)
      .set({
        reprints: sql`${printedDocuments.reprints} + 1`,
        lastReprintedAt: now,
      })
      .where(eq(printedDocuments.id, documentId))
      .returning({ reprints: printedDocuments.reprints });
    await appendJournal(tx, {
      actor,
      officeCode: doc.officeCode,
      action: "document.reprinted",
      subjectInn: doc.subjectInn,
      entityType: "printed_document",
      entityId: doc.id,
      before: { reprints: doc.reprints },
      after: {
        kind: doc.kind,
        number: doc.number,
        reprints: updated.reprints,
        reprintedAt: now.toISOString(),
      },
    });
    return {
      id: doc.id,
      kind: doc.kind,
      number: doc.number,
      officeCode: doc.officeCode,
      subjectInn: doc.subjectInn,
      sourceId: doc.sourceId,
      issuedAt: new Date(doc.issuedAt).toISOString(),
      contentHash: doc.contentHash,
      payload: doc.payload,
      reprints: updated.reprints,
      duplicate: true,
      reprintedAt: now.toISOString(),
    };
  });
}

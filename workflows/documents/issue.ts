import { randomUUID } from "node:crypto";
import type { Tx } from "../../db/client";
import { printedDocuments } from "../../db/schema";
import type { Actor } from "../actor";
import { appendJournal } from "../journal";
import { assertMayPrint } from "./access";
import { asStoredJson, documentHash } from "./hash";
import type { PrintedKind } from "./number";
import type { IssuedDocument } from "./types";

export interface IssueInput<P> {
  kind: PrintedKind;
  /** The issuing office; null only for what the public prints online (their application). */
  officeCode: string | null;
  subjectInn: string;
  /** The application, decision or annulment printed. */
  sourceId: string;
  /** The number of the act printed, made with the act (workflows/numbering); the paper only repeats it. */
  number: string;
  /** The printed content (template props without `document`); stored as is, hashed, reprinted. */
  payload: P;
}

/**
 * Issues a printed document inside the caller's transaction: stores the payload under the act's
 * number with its content hash and journals "document.printed".
 */
export async function issueDocument<P>(tx: Tx, actor: Actor, input: IssueInput<P>, now: Date): Promise<IssuedDocument<P>> {
  assertMayPrint(actor, input.officeCode, input.kind);
  const number = input.number;
  const id = randomUUID();
  const payload = asStoredJson(input.payload);
  const contentHash = documentHash({
    id,
    kind: input.kind,
    number,
    issuedAt: now,
    payload,
  });
  await tx.insert(printedDocuments).values({
    id,
    officeCode: input.officeCode,
    kind: input.kind,
    number,
    subjectInn: input.subjectInn,
    sourceId: input.sourceId,
    payload,
    contentHash,
    issuedAt: now,
    issuedBy: actor.type === "staff" ? actor.id : null,
  });
  await appendJournal(tx, {
    actor,
    officeCode: input.officeCode,
    action: "document.printed",
    subjectInn: input.subjectInn,
    entityType: "printed_document",
    entityId: id,
    after: { kind: input.kind, number, sourceId: input.sourceId, contentHash },
  });
  return {
    id,
    kind: input.kind,
    number,
    officeCode: input.officeCode,
    subjectInn: input.subjectInn,
    sourceId: input.sourceId,
    issuedAt: now.toISOString(),
    contentHash,
    payload,
    reprints: 0,
    duplicate: false,
    reprintedAt: null,
  };
}

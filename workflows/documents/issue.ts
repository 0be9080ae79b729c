import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { offices, printedDocuments } from "../../db/schema";
import type { Actor } from "../actor";
import { WorkflowError } from "../errors";
import { appendJournal } from "../journal";
import { assertMayPrint } from "./access";
import { asStoredJson, documentHash } from "./hash";
import { formatDocumentNumber, nextInSeries, officeYear, ONLINE_SERIES_OFFICE, type PrintedKind } from "./number";
import type { IssuedDocument } from "./types";

const DEFAULT_TIME_ZONE = "Asia/Bishkek";

export interface IssueInput<P> {
  kind: PrintedKind;
  /** The issuing office; null only for what the public prints online (their application). */
  officeCode: string | null;
  subjectInn: string;
  /** The application, decision or annulment printed. */
  sourceId: string;
  /** The printed content (template props without `document`); stored as is, hashed, reprinted. */
  payload: P;
}

/**
 * Issues a printed document inside the caller's transaction: allocates the next number of the
 * office's series for the kind and year, stores the payload with its content hash, journals
 * "document.printed". Rolled back with the caller, the number is not spent.
 */
export async function issueDocument<P>(tx: Tx, actor: Actor, input: IssueInput<P>, now: Date): Promise<IssuedDocument<P>> {
  assertMayPrint(actor, input.officeCode, input.kind);
  let timeZone = DEFAULT_TIME_ZONE;
  if (input.officeCode !== null) {
    const [office] = await tx.select({ timeZone: offices.timeZone }).from(offices).where(eq(offices.code, input.officeCode));
    if (!office)
      throw new WorkflowError("not_found", "documents.office_not_found", {
        officeCode: input.officeCode,
      });
    timeZone = office.timeZone;
  }
  const officeKey = input.officeCode ?? ONLINE_SERIES_OFFICE;
  const year = officeYear(now, timeZone);
  const sequence = await nextInSeries(tx, officeKey, `document.${input.kind}`, year);
  const number = formatDocumentNumber(officeKey, input.kind, year, sequence);
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
    year,
    sequence,
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

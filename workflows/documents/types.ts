import type { PrintedKind } from "./number";

/** A printed document as issued (or reprinted): everything needed to render it again. */
export interface IssuedDocument<P = unknown> {
  id: string;
  kind: PrintedKind;
  number: string;
  officeCode: string | null;
  subjectInn: string;
  sourceId: string;
  /** ISO-8601 instant. */
  issuedAt: string;
  contentHash: string;
  payload: P;
  reprints: number;
  duplicate: boolean;
  /** ISO-8601 instant of this reprint; null for the original. */
  reprintedAt: string | null;
}

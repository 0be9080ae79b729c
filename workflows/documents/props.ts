import { DEFAULT_TIME_ZONE } from "../clock/deadlines";
import type { IssuedDocument } from "./types";

/**
 * The `document` prop of every template (templates/types.ts DocumentMeta), from an issued document.
 * It prints in its office's zone, kept in the payload; what has no office yet (an application
 * printed online) in the default one.
 */
export function documentMeta(doc: IssuedDocument, baseUrl: string) {
  const office = (doc.payload as { office?: { timeZone?: string } | null } | null)?.office;
  return {
    timeZone: office?.timeZone || DEFAULT_TIME_ZONE,
    id: doc.id,
    number: doc.number,
    issuedAt: doc.issuedAt,
    contentHash: doc.contentHash,
    baseUrl,
    reprintedAt: doc.reprintedAt,
  };
}

/** Template props: the stored payload plus the document's identity, ready for renderDocument. */
export function renderProps<P>(doc: IssuedDocument<P>, baseUrl: string): P & { document: ReturnType<typeof documentMeta> } {
  return { ...(doc.payload as P & object), document: documentMeta(doc, baseUrl) };
}

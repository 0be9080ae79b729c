import type { IssuedDocument } from "./types";

/** The `document` prop of every template (templates/types.ts DocumentMeta), from an issued document. */
export function documentMeta(doc: IssuedDocument, baseUrl: string) {
  return {
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

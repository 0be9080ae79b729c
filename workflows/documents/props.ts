import type { PaperLanguage } from "../../templates/types";
import { DEFAULT_TIME_ZONE } from "../clock/deadlines";
import type { IssuedDocument } from "./types";

/** How an installation prints: the public address in the QR code and the paper's languages (env). */
export interface PaperSettings {
  baseUrl: string;
  languages: readonly PaperLanguage[];
}

/**
 * The `document` prop of every template (templates/types.ts DocumentMeta), from an issued document.
 * It prints in its office's zone, kept in the payload; what has no office yet (an application
 * printed online) in the default one. Address and languages are the installation's, not the
 * document's: they are not part of what was issued and hashed.
 */
export function documentMeta(doc: IssuedDocument, paper: PaperSettings) {
  const office = (doc.payload as { office?: { timeZone?: string } | null } | null)?.office;
  return {
    timeZone: office?.timeZone || DEFAULT_TIME_ZONE,
    id: doc.id,
    number: doc.number,
    issuedAt: doc.issuedAt,
    contentHash: doc.contentHash,
    baseUrl: paper.baseUrl,
    reprintedAt: doc.reprintedAt,
    languages: paper.languages,
  };
}

/** Template props: the stored payload plus the document's identity, ready for renderDocument. */
export function renderProps<P>(doc: IssuedDocument<P>, paper: PaperSettings): P & { document: ReturnType<typeof documentMeta> } {
  return { ...(doc.payload as P & object), document: documentMeta(doc, paper) };
}

import { renderToBuffer } from "@react-pdf/renderer";
import { createElement, type ReactElement } from "react";
import { AnnulmentNoticeDocument } from "./annulment-notice";
import { ApplicationDocument } from "./application";
import { DecisionGrantDocument } from "./decision-grant";
import { DecisionRefusalDocument } from "./decision-refusal";
import { prepareFonts } from "./fonts";
import { JournalExtractDocument } from "./journal-extract";
import { LiftingActDocument } from "./lifting-act";
import { RevocationActDocument } from "./revocation-act";
import { printableDeep } from "./sanitize";
import type { DocumentKind, DocumentPropsByKind } from "./types";

const components: {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- react-pdf's Document element type
  [K in DocumentKind]: (p: DocumentPropsByKind[K]) => ReactElement<any>;
} = {
  application: ApplicationDocument,
  decision_grant: DecisionGrantDocument,
  decision_refusal: DecisionRefusalDocument,
  annulment_notice: AnnulmentNoticeDocument,
  journal_extract: JournalExtractDocument,
  revocation_act: RevocationActDocument,
  lifting_act: LiftingActDocument,
};

export const DOCUMENT_KINDS = Object.keys(components) as DocumentKind[];

/** Renders one document, both copies, as a PDF. Strings the font cannot draw are cleaned first. */
export async function renderDocument<K extends DocumentKind>(kind: K, props: DocumentPropsByKind[K]): Promise<Buffer> {
  await prepareFonts();
  const component = components[kind];
  if (!component) throw new Error(`unknown document kind: ${String(kind)}`);
  const element = createElement(component as (p: DocumentPropsByKind[K]) => ReactElement, printableDeep(props));
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return renderToBuffer(element as any);
}

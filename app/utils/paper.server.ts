import { renderDocument, type DocumentKind, type DocumentPropsByKind } from "../../templates";
import { renderProps } from "../../workflows/documents";
import type { IssuedDocument } from "../../workflows/documents";
import { env } from "./env.server";

/**
 * The one place an issued document becomes the PDF a route sends: the installation's address for
 * the QR code (PUBLIC_BASE_URL, else the request's origin) and its paper languages (PAPER_LANGUAGES)
 * are read here, so the templates never read the environment.
 */
export async function pdfResponse(doc: IssuedDocument, request: Request): Promise<Response> {
  const settings = env();
  const props = renderProps(doc, { baseUrl: settings.PUBLIC_BASE_URL ?? new URL(request.url).origin, languages: settings.PAPER_LANGUAGES });
  const pdf = await renderDocument(doc.kind as DocumentKind, props as unknown as DocumentPropsByKind[DocumentKind]);
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="${doc.number}.pdf"`,
      "Cache-Control": "no-store",
    },
  });
}

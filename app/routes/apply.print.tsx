import type { LoaderFunctionArgs } from "@remix-run/node";
import { findApplicationByInnAndCode } from "../../workflows";
import { renderProps } from "../../workflows/documents";
import { printDocument } from "../../workflows/printing";
import { renderDocument } from "../../templates";
import { lastApplicationCookie } from "~/utils/cookies.server";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { redirectWithFlash } from "~/utils/flash.server";

/**
 * R4, R5: the applicant prints the application just saved, in two copies, from the system (online
 * series, no office yet). Only the browser that saved it holds the cookie with INN and code.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const last = (await lastApplicationCookie().parse(request.headers.get("Cookie"))) as { code?: string; inn?: string } | null;
  const expired = () => redirectWithFlash("/apply/done", { kind: "info", key: "desk:applyPrint.expired" });
  if (!last?.code || !last.inn) return expired();
  const database = await db();
  const app = await findApplicationByInnAndCode(database, last.inn, last.code).catch(() => null);
  if (!app) return expired();
  const doc = await printDocument(database, { type: "public" }, { source: "application", id: app.id }, new Date());
  const baseUrl = env().PUBLIC_BASE_URL ?? new URL(request.url).origin;
  const pdf = await renderDocument("application", renderProps(doc, baseUrl) as never);
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="${doc.number}.pdf"`,
      "Cache-Control": "no-store",
    },
  });
}

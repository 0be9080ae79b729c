import type { ActionFunctionArgs } from "@remix-run/node";
import { getApplication, isWorkflowError, revocationOf } from "../../workflows";
import { deskDetails, printDocument, type PrintSource } from "../../workflows/printing";
import { deskErrorKey } from "~/utils/desk-error-key.server";
import { OFFICE_ROLES, requireStaff } from "~/utils/auth.server";
import { readForm } from "~/utils/csrf.server";
import { db } from "~/utils/db.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { pdfResponse } from "~/utils/paper.server";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Prints the accepted application, the decision, the annulment notice or the act revoking the decision as a two-copy PDF. A POST:
 * the first print issues a numbered document, later ones are journaled duplicates.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request, OFFICE_ROLES);
  const form = await readForm(request);
  const id = params.id ?? "";
  if (!UUID.test(id)) throw new Response("Not found", { status: 404 });
  const back = `/desk/applications/${id}`;
  const database = await db();
  try {
    const app = await getApplication(database, id);
    if (!app) throw new Response("Not found", { status: 404 });
    const what = String(form.get("what") ?? "");
    let source: PrintSource | null = null;
    if (what === "application") source = { source: "application", id: app.id };
    else if (what === "decision" && app.decision) source = { source: "decision", id: app.decision.id };
    else if (what === "annulment") source = (await deskDetails(database, app)).noticeSource;
    else if (what === "revocation" && app.decision) {
      // Decision 063: the act revoking this application's decision, once approved.
      const revocation = await revocationOf(database, app.decision.id);
      if (revocation) source = { source: "revocation", id: revocation.id };
    }
    if (!source) return redirectWithFlash(back, { kind: "error", key: "desk:errors.not_found" });
    const doc = await printDocument(database, staff.actor, source, new Date());
    return await pdfResponse(doc, request);
  } catch (error) {
    // Another office's paper is not ours to print: the 403 page, as for the application itself.
    if (isWorkflowError(error) && error.code === "forbidden") throw new Response("Forbidden", { status: 403 });
    if (isWorkflowError(error)) return redirectWithFlash(back, { kind: "error", key: deskErrorKey(error.messageKey) });
    throw error;
  }
}

import type { ActionFunctionArgs } from "@remix-run/node";
import { isWorkflowError } from "../../workflows";
import { printDocument } from "../../workflows/printing";
import { deskErrorKey } from "~/utils/desk-error-key.server";
import { OFFICE_ROLES, requireStaff, safeRedirect } from "~/utils/auth.server";
import { readForm } from "~/utils/csrf.server";
import { db } from "~/utils/db.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { pdfResponse } from "~/utils/paper.server";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Decision 063: prints the act of an approved correction (the lifting of evidence; a revocation too)
 * as a two-copy PDF. A POST: the first print issues the document, later ones are journaled duplicates.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request, OFFICE_ROLES);
  const form = await readForm(request);
  const id = params.id ?? "";
  if (!UUID.test(id)) throw new Response("Not found", { status: 404 });
  const what = String(form.get("what") ?? "");
  // Back to the page that printed, on this site only (the one check of where a form may send the browser).
  const safeBack = safeRedirect(form.get("back"), "/desk");
  if (what !== "lifting" && what !== "revocation") return redirectWithFlash(safeBack, { kind: "error", key: "desk:errors.not_found" });
  try {
    const doc = await printDocument(await db(), staff.actor, { source: what, id }, new Date());
    return await pdfResponse(doc, request);
  } catch (error) {
    if (isWorkflowError(error) && error.code === "forbidden") throw new Response("Forbidden", { status: 403 });
    if (isWorkflowError(error)) return redirectWithFlash(safeBack, { kind: "error", key: deskErrorKey(error.messageKey) });
    throw error;
  }
}

import type { ActionFunctionArgs } from "@remix-run/node";
import { isWorkflowError } from "../../workflows/errors";
import { issueJournalExtract } from "../../workflows/subject";
import { OFFICE_ROLES, requireStaff } from "~/utils/auth.server";
import { readForm } from "~/utils/csrf.server";
import { db } from "~/utils/db.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { pdfResponse } from "~/utils/paper.server";

/** Prints the subject's whole journal (UA seed) for the subject, as a numbered extract (POST: it issues a document). */
export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request, OFFICE_ROLES);
  await readForm(request);
  const inn = params.inn ?? "";
  if (!/^\d{14}$/.test(inn)) throw new Response("Not found", { status: 404 });
  try {
    const doc = await issueJournalExtract(await db(), staff.actor, { inn }, new Date());
    return await pdfResponse(doc, request);
  } catch (error) {
    if (isWorkflowError(error)) return redirectWithFlash(`/desk/subjects/${inn}`, { kind: "error", key: `supervisor:errors.${error.messageKey}` });
    throw error;
  }
}

export async function loader() {
  // Printing issues a numbered document: only a POST from the card does it.
  throw new Response("Method not allowed", { status: 405 });
}

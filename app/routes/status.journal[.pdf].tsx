import type { ActionFunctionArgs } from "@remix-run/node";
import { findApplicationByInnAndCode } from "../../workflows";
import { isWorkflowError } from "../../workflows/errors";
import { issueJournalExtract } from "../../workflows/subject";
import { readForm } from "~/utils/csrf.server";
import { db } from "~/utils/db.server";
import { clientIp, hitRateLimit, LIMITS, refundRateLimit } from "~/utils/rate-limit.server";
import { pdfResponse } from "~/utils/paper.server";

/** The application's own journal as a printed extract (UA seed), for whoever holds INN + code. Same limit as the lookup. */
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const inn = String(form.get("inn") ?? "").replace(/[\s-]/g, "");
  const code = String(form.get("code") ?? "").slice(0, 30);
  const database = await db();
  const bucket = `status:ip:${clientIp(request, context)}`;
  const limit = await hitRateLimit(database, bucket, LIMITS.statusLookup);
  if (!limit.allowed) throw new Response("Too many requests", { status: 429, headers: { "Retry-After": String(limit.retryAfterSeconds) } });
  try {
    const app = await findApplicationByInnAndCode(database, inn, code);
    if (!app) throw new Response("Not found", { status: 404 });
    await refundRateLimit(database, bucket, limit);
    const doc = await issueJournalExtract(database, { type: "public" }, { inn: app.inn, applicationId: app.id }, new Date());
    return await pdfResponse(doc, request);
  } catch (error) {
    if (isWorkflowError(error)) throw new Response(error.messageKey, { status: error.status });
    throw error;
  }
}

export async function loader() {
  throw new Response("Method not allowed", { status: 405 });
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { findApplicationByInnAndCode } from "../../workflows";
import { isWorkflowError } from "../../workflows/errors";
import { printDocument } from "../../workflows/printing";
import { lastApplicationCookie } from "~/utils/cookies.server";
import { db } from "~/utils/db.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { clientIp, hitRateLimit, LIMITS } from "~/utils/rate-limit.server";
import { pdfResponse } from "~/utils/paper.server";

/**
 * R4, R5: the applicant prints the application just saved, in two copies, from the system (online
 * series, no office yet). Only the browser that saved it holds the cookie with INN and code, signed
 * by the server, so a cookie written by anyone else names nothing. Every print renders a PDF and
 * journals it: prints are limited per address and per INN. Once the application is decided (or
 * has expired), the form is no longer served: the status page says what happened.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const last = (await lastApplicationCookie().parse(request.headers.get("Cookie"))) as { code?: unknown; inn?: unknown } | null;
  const expired = () => redirectWithFlash("/apply/done", { kind: "info", key: "desk:applyPrint.expired" });
  if (typeof last?.code !== "string" || typeof last.inn !== "string") return expired();
  const database = await db();
  const now = new Date();
  for (const bucket of [`print:ip:${clientIp(request, context)}`, `print:inn:${last.inn}`]) {
    const room = await hitRateLimit(database, bucket, LIMITS.applyPrint, now);
    if (!room.allowed) {
      return redirectWithFlash("/apply/done", { kind: "error", key: "common:errors.rate_limited", values: { seconds: room.retryAfterSeconds } });
    }
  }
  const app = await findApplicationByInnAndCode(database, last.inn, last.code).catch(() => null);
  if (!app) return expired();
  let doc;
  try {
    doc = await printDocument(database, { type: "public" }, { source: "application", id: app.id }, now);
  } catch (error) {
    if (isWorkflowError(error) && error.messageKey === "printing.application_closed") {
      return redirectWithFlash("/status", { kind: "info", key: "desk:applyPrint.closed" });
    }
    throw error;
  }
  return pdfResponse(doc, request);
}

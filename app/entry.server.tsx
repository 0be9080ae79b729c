import type { AppLoadContext, EntryContext, ServerBuild } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { I18nextProvider } from "react-i18next";
import { configureLifecycle } from "../workflows/lifecycle/config";
import { configurePasswordHashing } from "../workflows/auth/argon";
import { configureSecondFactor } from "../workflows/auth/two-factor";
import { configureAppealRoute } from "../workflows/printing/appeal";
import { NonceContext } from "./components/nonce";
import { markPrivate } from "./utils/cache.server";
import { closeDb, dbHandle, embeddedDatabaseIsNew } from "./utils/db.server";
import { appealRoute, env } from "./utils/env.server";
import { getLocale, renderingI18n, setRouteNamespaces } from "./utils/i18n.server";
import { startBackgroundJobs, stopBackgroundJobs } from "./utils/jobs.server";
import { log, redactPath } from "./utils/log.server";
import { readDataTransfer, renderWholePage } from "./utils/whole-page.server";
import { wholeBodyResponse } from "../server/whole-body.js";
import { warmUpRenderer } from "../templates";

import { setRouteManifest as setMetricsRoutes } from "./utils/metrics.server";
import { httpSettings as envHttpSettings } from "./utils/env.server";
import { problemTitleFor } from "./utils/api.server";

export { observeRequest } from "./utils/metrics.server";
export { apiRoutes } from "./utils/api-node.server";

/** Called by server.js with the build's routes: /metrics labels by route, pages get their section's catalogs. */
export function setRouteManifest(routes: ServerBuild["routes"]) {
  setMetricsRoutes(routes);
  setRouteNamespaces(routes);
}

/** What server.js's guards need from the build: the environment's settings and the API's problem titles in the caller's language. */
export function httpSettings() {
  return { ...envHttpSettings(), problemTitle: problemTitleFor };
}

// The workflows' settings from the environment, before the first request.
configureLifecycle({ draftTtlDays: env().DRAFT_TTL_DAYS, handOverDueMinutes: env().HANDOVER_DUE_MINUTES });
configurePasswordHashing({ threadPoolSize: env().UV_THREADPOOL_SIZE, workers: env().WEB_CONCURRENCY });
configureAppealRoute(appealRoute());
configureSecondFactor({ requiredForInspectors: env().TOTP_REQUIRED_FOR_INSPECTORS === "1" });

const ABORT_DELAY = 5_000;

/** Unexpected server errors go to the structured log (path only); 404s and aborted requests do not. */
export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  if (isRouteErrorResponse(error) && error.status < 500) return;
  log.error({ err: error, path: redactPath(new URL(request.url).pathname) }, "unhandled error");
}

/** Data answers (client-side navigation) of the signed-in areas are never stored either. */
export function handleDataRequest(response: Response, { request }: { request: Request }) {
  try {
    markPrivate(request, response.headers);
    return response;
  } catch {
    // Headers of a Response.redirect() cannot be changed: the same answer with headers of its own.
    const copy = new Response(response.body, response);
    markPrivate(request, copy.headers);
    return copy;
  }
}

/**
 * Called by server.js before it listens: the database (the embedded one migrated, a server's schema
 * checked against this build, demo data where asked for), then the sweeper.
 */
export async function startup() {
  await dbHandle();
  startBackgroundJobs();
  // In the background: the server listens meanwhile, and a first print waits for nothing but CPU.
  void warmUpRenderer().catch((error) => log.error({ err: error }, "warming the PDF renderer failed"));
}

/** The embedded database's first set-up alone, in a child process (server.js; `embeddedDatabaseIsNew`). */
export async function setUpDatabase() {
  await dbHandle();
  await closeDb();
}

export { embeddedDatabaseIsNew };

export async function shutdown() {
  await stopBackgroundJobs();
  await closeDb();
}

/**
 * Pages are rendered whole, then sent as one body (decisions 043, 077, 078 and 079). Every loader has
 * finished before rendering starts, and the data's transfer is read to its end first, so the page
 * renders in one pass with nothing to wait for; streaming the shell early would gain nothing. One
 * body also lets the response carry its length.
 */
export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const lng = await getLocale(request);
  const i18n = await renderingI18n(lng);
  markPrivate(request, responseHeaders);
  const nonce = (loadContext as { cspNonce?: string }).cspNonce;

  // Remix gives up its own data stream at ABORT_DELAY; data still unread a moment later is given up too.
  const transferTaken = await readDataTransfer(remixContext, ABORT_DELAY + 1_000);
  const page = renderWholePage(
    <NonceContext.Provider value={nonce}>
      <I18nextProvider i18n={i18n}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </I18nextProvider>
    </NonceContext.Provider>,
  );
  let partFailed = page.partFailed;
  if (transferTaken && !transferTaken()) {
    // This Remix no longer takes the data read for it: the page would reach the browser without it.
    log.error({ path: redactPath(new URL(request.url).pathname) }, "render error: the page's data was read but not written into it");
    partFailed = true;
  } else if (partFailed && !request.signal.aborted) {
    log.error({ path: redactPath(new URL(request.url).pathname) }, "render error: a part of the page failed on the server");
  }
  // A page missing a part is answered as a 500, not sent as if whole.
  if (partFailed) responseStatusCode = 500;
  const body = Buffer.from(page.html);
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  // The page's language came from the cookie or Accept-Language (i18n.server.ts getLocale).
  responseHeaders.set("Content-Language", lng);
  responseHeaders.append("Vary", "Accept-Language, Cookie");
  responseHeaders.set("Content-Length", String(body.length));
  return wholeBodyResponse(body, { headers: responseHeaders, status: responseStatusCode });
}

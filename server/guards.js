// What every request passes before Remix sees it, in one place so that server.js and the tests
// put the same guards in the same order. Plain JavaScript: server.js runs it before (and without)
// the TypeScript build; the settings come from app/utils/env.server.ts (`httpSettings`, exported
// by the build's entry).

/**
 * Whom to believe about the client's address: a hop count or the proxies' addresses, never
 * `true` (then the client writes its own address in X-Forwarded-For, and every per-address limit
 * counts whatever it wrote). Set first: everything after it reads req.ip.
 * @param {import("express").Express} app
 * @param {{ trustProxy: number | string[] | false }} settings
 */
export function protect(app, settings) {
  app.set("trust proxy", settings.trustProxy);
}

/** A form, an API body, a sign-in: far below this. */
export const FORM_BODY_LIMIT = 64 * 1024;
/** The registry CSV (streamed to the importer, never buffered), for a signed-in administrator; as nginx allows it (deploy/nginx). */
export const UPLOAD_BODY_LIMIT = 200 * 1024 * 1024;
const UPLOAD_PATHS = new Set(["/admin/registry"]);
const SESSION_COOKIE = /(?:^|;\s*)(?:__Host-)?session=[^;]/;

/** The largest body this request may carry. A script-driven form posts to `<route>.data` (Remix single fetch): the same route. */
export function bodyLimitOf(req) {
  const route = req.path.replace(/\.data$/, "");
  if (req.method === "POST" && UPLOAD_PATHS.has(route) && SESSION_COOKIE.test(req.get("cookie") ?? "")) return UPLOAD_BODY_LIMIT;
  return FORM_BODY_LIMIT;
}

/**
 * The answer to a refused request: a problem document on the API, plain text elsewhere. The API's
 * title is in the caller's language when the build gave the guards its catalogs
 * (`settings.problemTitle`, entry.server's httpSettings), else in English.
 * @param {{ problemTitle?: (type: string, acceptLanguage: string | undefined) => { title: string; lng: string } }} settings
 */
function refuse(settings, req, res, status, type, title) {
  if (req.path.startsWith("/api/")) {
    const said = settings.problemTitle?.(type, req.get("accept-language")) ?? { title, lng: "en" };
    res.set("Content-Language", said.lng).vary("Accept-Language");
    res.status(status).type("application/problem+json").send(JSON.stringify({ type: `/api/v1/problems/${type}`, title: said.title, status, instance: res.locals.requestId }));
  } else {
    res.status(status).type("text/plain").send(title);
  }
}

/**
 * Bodies are limited per route before anything reads them: the declared length is checked against
 * the route's limit and a larger body is refused at once, unread, on a connection that is then
 * closed (so the rest is never received). Node's parser stops at the declared length, so a body
 * cannot be longer than it says. A body of unknown length (chunked) is refused with 411: browsers
 * and the proxy in front (which buffers bodies) always declare it.
 * @param {Parameters<typeof refuse>[0]} settings
 * @returns {import("express").RequestHandler}
 */
export function limitBodies(settings = {}) {
  return (req, res, next) => {
    const declared = req.get("content-length");
    if (declared === undefined) {
      if (req.get("transfer-encoding") === undefined) return next();
      res.set("Connection", "close");
      return refuse(settings, req, res, 411, "length-required", "Send the body with its Content-Length");
    }
    if (!/^\d+$/.test(declared) || Number(declared) > bodyLimitOf(req)) {
      res.set("Connection", "close");
      return refuse(settings, req, res, 413, "payload-too-large", "The request body is too large");
    }
    next();
  };
}

/**
 * CSRF, first line: a state-changing request from a browser must come from our own origin. An
 * Origin of "null" (a sandboxed frame, a file, a cross-site redirect) is not ours, nor is a
 * forwarded host other than the one asked for: both are refused here with a plain 403 (Remix's own
 * check would throw on them and answer 500 with a stack in the log). The API is called by servers
 * with a key, never with cookies: an Origin there proves nothing and is dropped before Remix sees it.
 * @type {import("express").RequestHandler}
 */
export function sameOrigin(req, res, next) {
  if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
  if (req.path.startsWith("/api/")) {
    delete req.headers.origin;
    return next();
  }
  const origin = req.get("origin");
  if (origin === undefined) return next();
  const host = req.get("host");
  const forwardedHost = req.get("x-forwarded-host")?.split(",")[0]?.trim();
  let originHost = null;
  try {
    originHost = origin === "null" ? null : new URL(origin).host;
  } catch {
    originHost = null;
  }
  if (!originHost || originHost !== host || (forwardedHost && forwardedHost !== originHost)) {
    return res.status(403).type("text/plain").send("Cross-origin request refused");
  }
  next();
}

/**
 * Strict-Transport-Security whenever the site is configured for HTTPS (Secure cookies): a browser
 * that has seen it once never again sends a request, or a session cookie, in plain HTTP. A year,
 * as browsers' preload lists ask; not for subdomains, which this service does not own.
 * @param {{ hsts?: boolean }} settings
 * @returns {import("express").RequestHandler}
 */
export function strictTransport(settings) {
  return (_req, res, next) => {
    if (settings.hsts) res.setHeader("Strict-Transport-Security", "max-age=31536000");
    next();
  };
}

/**
 * The guards after the request log (so refusals are logged): HSTS, body limits, the origin check.
 * @param {{ hsts?: boolean } & Parameters<typeof refuse>[0]} settings
 * @returns {import("express").RequestHandler[]}
 */
export function guards(settings = {}) {
  return [strictTransport(settings), limitBodies(settings), sameOrigin];
}

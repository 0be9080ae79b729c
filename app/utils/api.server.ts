import { randomInt } from "node:crypto";
import type { z } from "zod";
import { sql } from "drizzle-orm";
import { queryRows, type Db } from "../../db/client";
import { statementPerShape } from "../../db/statement-shapes";
import { apiClientByKeyHashQuery, apiKeyHash } from "../../workflows/api/clients";
import { admitPasswordCheck } from "../../workflows/auth/argon";
import { isWorkflowError } from "../../workflows/errors";
import { db, isDatabaseUnavailable } from "./db.server";
import type { Lng } from "./i18n";
import { acceptedLanguage, resources } from "./i18n.server";
import { log } from "./log.server";
import { hitValues, LIMITS, rateLimitHitsSql, roomOf, type HitRow } from "./rate-limit.server";

/**
 * Problem types of the Cabinet API (RFC 9457); each is documented in the OpenAPI document. Their
 * titles are in the `api` namespace of the catalogs, in the caller's language (`apiLanguage`). The
 * body-size refusals (411, 413) are written by server/guards.js before Remix runs, with the titles
 * `problemTitleFor` gives it.
 */
export const PROBLEMS = {
  "invalid-request": { status: 400 },
  "missing-api-key": { status: 401 },
  "invalid-credentials": { status: 401 },
  "not-found": { status: 404 },
  "method-not-allowed": { status: 405 },
  conflict: { status: 409 },
  "length-required": { status: 411 },
  "payload-too-large": { status: 413 },
  "unsupported-media-type": { status: 415 },
  "rate-limited": { status: 429 },
  "internal-error": { status: 500 },
  overloaded: { status: 503 },
  unavailable: { status: 503 },
} as const;
export type ProblemType = keyof typeof PROBLEMS;
type ApiText = { problems: Record<ProblemType, string>; details: Record<"notJson" | "nul" | "noEndpoint" | "seeOpenApi", string> };

/**
 * The language of an API answer: what Accept-Language asks for among ky, ru and en; English when it
 * names none of them, the language the API was documented in before (decision 058).
 */
export function apiLanguage(acceptLanguage: string | null): Lng {
  return acceptedLanguage(acceptLanguage, "en") ?? "en";
}

/** The API's words in a language (app/locales/<lng>/api.json). */
export function apiText(lng: Lng): ApiText {
  return resources[lng].api as ApiText;
}

/** A problem's title in the caller's language, for the guards in front of Remix (server.js). */
export function problemTitleFor(type: string, acceptLanguage: string | undefined): { title: string; lng: Lng } {
  const lng = apiLanguage(acceptLanguage ?? null);
  return { title: apiText(lng).problems[type as ProblemType] ?? type, lng };
}

/** Who an API answer is for: the request's id (the problem's `instance`) and its language. */
export type ApiReply = { requestId?: string; lng: Lng };

/**
 * An API answer as plain data. The Remix route turns it into a Response (`toResponse`); the
 * server's direct path for the endpoints (`serveApiFromNode`, decision 072) writes it to the socket
 * as it is, with no Fetch objects in between.
 */
export type ApiAnswer = { status: number; headers: Record<string, string>; body: string };

export function problem(
  type: ProblemType,
  reply: ApiReply,
  extra: { detail?: string; errors?: { path: string; message: string }[]; retryAfterSeconds?: number } = {},
): ApiAnswer {
  const { status } = PROBLEMS[type];
  const title = apiText(reply.lng).problems[type];
  const headers: Record<string, string> = { "Content-Language": reply.lng, Vary: "Accept-Language" };
  if (extra.retryAfterSeconds) headers["Retry-After"] = String(extra.retryAfterSeconds);
  return jsonWithLength({ type: `/api/v1/problems/${type}`, title, status, ...extra, instance: reply.requestId }, status, "application/problem+json", headers);
}

export function json(body: unknown, status = 200): ApiAnswer {
  return jsonWithLength(body, status, "application/json");
}

/**
 * Every API answer carries its length: the compression middleware leaves bodies under 1 KiB alone
 * only when it knows their length, and gzip set up for a 30-byte credential answer cost more CPU
 * than the rest of the HTTP work (docs/benchmarks.md, credential API).
 */
function jsonWithLength(body: unknown, status: number, contentType: string, headers: Record<string, string> = {}): ApiAnswer {
  const text = JSON.stringify(body);
  return {
    status,
    headers: { "Content-Type": contentType, "Cache-Control": "no-store", "Content-Length": String(Buffer.byteLength(text)), ...headers },
    body: text,
  };
}

/** An answer as the Response a Remix route returns. */
export function toResponse(answer: ApiAnswer): Response {
  return new Response(answer.body, { status: answer.status, headers: answer.headers });
}

type ApiContext = { requestId?: string; clientIp?: string };

/**
 * What an endpoint reads of its request, whichever server hands it over: a Remix route's Fetch
 * Request (`callOfRequest`) or Node's own request on the server's direct path (`serveApiFromNode`).
 */
export type ApiCall = {
  method: string;
  header(name: string): string | null;
  text(): Promise<string>;
  /** This site's origin as the request names it, for links when PUBLIC_BASE_URL is not set. */
  origin(): string;
  requestId?: string;
  clientIp: string;
};

function callOfRequest(request: Request, context: unknown): ApiCall {
  return {
    method: request.method,
    header: (name) => request.headers.get(name),
    text: () => request.text(),
    origin: () => new URL(request.url).origin,
    requestId: (context as ApiContext | undefined)?.requestId,
    clientIp: (context as ApiContext | undefined)?.clientIp ?? "unknown",
  };
}

/** An endpoint's whole work, from a call to its answer: what both servers run. */
export type ApiAnswerer = (call: ApiCall) => Promise<ApiAnswer>;

/** A Remix action that is an API endpoint: `answer` is the same endpoint for the server's direct path. */
export type ApiAction = ((args: { request: Request; context: unknown }) => Promise<Response>) & { answer: ApiAnswerer };

/**
 * The longest an endpoint that checks a password lets its caller wait for an Argon2 slot. Beyond
 * it the check is refused at once (503 with Retry-After) instead of queued: at 9:00 a backlog only
 * grows, every caller waits longer, and checks whose callers gave up still take the cores. The
 * Cabinet retries; staff sign-in is never refused this way.
 */
export const PASSWORD_QUEUE_LIMIT_MS = 2_000;

/**
 * When a shed caller should come back: once the queue would be under the bound again, plus up to
 * two seconds at random, so that callers shed in the same moment do not all return in the same
 * moment; between 1 s and 30 s.
 */
function retryAfterShed(waitMs: number): number {
  return Math.min(30, Math.max(1, Math.ceil((waitMs - PASSWORD_QUEUE_LIMIT_MS) / 1000) + randomInt(3)));
}

/**
 * The one wrapper every API action uses: POST only, API key (Authorization: Bearer, or X-Api-Key),
 * a per-key rate limit, a JSON body validated by the endpoint's schema, and every failure answered
 * as a problem document — never an HTML error page. An endpoint that checks a password
 * (`checksPassword`) is refused first, before any other work, while the Argon2 queue is too long.
 */
export function apiEndpoint<S extends z.ZodType>(
  schema: S,
  handler: (args: { body: z.output<S>; clientId: string; reply: ApiReply; call: ApiCall }) => Promise<ApiAnswer>,
  options: { checksPassword?: boolean } = {},
): ApiAction {
  const answer: ApiAnswerer = async (call) => {
    const { requestId } = call;
    const reply: ApiReply = { requestId, lng: apiLanguage(call.header("Accept-Language")) };
    let release: (() => void) | undefined;
    try {
      if (call.method !== "POST") return problem("method-not-allowed", reply);
      if (options.checksPassword) {
        const admission = admitPasswordCheck(PASSWORD_QUEUE_LIMIT_MS);
        if (!admission.admitted) return problem("overloaded", reply, { retryAfterSeconds: retryAfterShed(admission.waitMs) });
        release = admission.release;
      }
      const header = call.header("authorization");
      const key = header?.startsWith("Bearer ") ? header.slice(7).trim() : call.header("x-api-key")?.trim();
      const client = key ? await authenticateAndCount(await db(), key, new Date()) : null;
      if (!client) return problem("missing-api-key", reply);
      const limit = client.room;
      if (!limit.allowed) return problem("rate-limited", reply, { retryAfterSeconds: limit.retryAfterSeconds });
      if (!(call.header("content-type") ?? "").toLowerCase().startsWith("application/json")) {
        return problem("unsupported-media-type", reply);
      }
      let raw: unknown;
      const text = await call.text();
      try {
        raw = JSON.parse(text);
      } catch {
        return problem("invalid-request", reply, { detail: apiText(reply.lng).details.notJson });
      }
      // PostgreSQL text cannot hold NUL; a credential never contains one.
      if (text.includes("\\u0000")) return problem("invalid-request", reply, { detail: apiText(reply.lng).details.nul });
      const parsed = schema.safeParse(raw);
      if (!parsed.success) {
        return problem("invalid-request", reply, {
          errors: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
        });
      }
      return await handler({ body: parsed.data, clientId: client.id, reply, call });
    } catch (error) {
      if (isWorkflowError(error)) {
        const byCode: Record<string, ProblemType> = {
          validation: "invalid-request",
          unauthorized: "invalid-credentials",
          not_found: "not-found",
          conflict: "conflict",
          stale: "conflict",
          rate_limited: "rate-limited",
          forbidden: "invalid-credentials",
        };
        return problem(byCode[error.code] ?? "internal-error", reply, { detail: error.messageKey });
      }
      if (isDatabaseUnavailable(error)) {
        log.error({ err: error, requestId }, "api: database unavailable");
        return problem("unavailable", reply, { retryAfterSeconds: 5 });
      }
      log.error({ err: error, requestId }, "api failure");
      return problem("internal-error", reply);
    } finally {
      release?.();
    }
  };
  const action = async ({ request, context }: { request: Request; context: unknown }) => toResponse(await answer(callOfRequest(request, context)));
  return Object.assign(action, { answer });
}

const keyStatement = statementPerShape(
  () => sql`with client as (${apiClientByKeyHashQuery(sql.placeholder("key_hash"))}),
         hit as (${rateLimitHitsSql(sql`select 'api:key:' || id from client`, "")})
        select client.id, client.name, hit.window_start, hit.hits from client cross join hit`,
);

/**
 * The key's client and its request counted against the per-key limit, in one statement: the count
 * is taken only for a known, unrevoked key, so junk keys leave no rows behind.
 */
async function authenticateAndCount(database: Db, key: string, now: Date) {
  const keyHash = apiKeyHash(key);
  if (!keyHash) return null;
  const [row] = await queryRows<HitRow & { id: string; name: string }>(database, keyStatement(null, { key_hash: keyHash, ...hitValues(LIMITS.apiKey, now, "") }));
  return row ? { id: row.id, name: row.name, room: roomOf(row, LIMITS.apiKey, now) } : null;
}

/** A path under /api/ that names no endpoint, any method: a problem, not Remix's HTML 404. */
export function apiNotFound({ request, context }: { request: Request; context: unknown }) {
  const reply = { requestId: (context as ApiContext | undefined)?.requestId, lng: apiLanguage(request.headers.get("Accept-Language")) };
  return toResponse(problem("not-found", reply, { detail: apiText(reply.lng).details.noEndpoint }));
}

/** GET and other methods on an API route: a problem, not Remix's HTML 405. */
export function apiMethodNotAllowed({ request, context }: { request: Request; context: unknown }) {
  return toResponse(problem("method-not-allowed", { requestId: (context as ApiContext | undefined)?.requestId, lng: apiLanguage(request.headers.get("Accept-Language")) }));
}

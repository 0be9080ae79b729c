import { eq } from "drizzle-orm";
import type { DbHandle } from "../../db/client";
import { staffSecondFactors, staffUsers } from "../../db/schema";
import { newTotpKey, secondFactorRequired } from "../../workflows/auth/two-factor";
import { csrfCookie, sessionCookie } from "../../app/utils/cookies.server";
import { createSession, generateSessionToken } from "../../app/utils/session.server";
import { validForm } from "./factories";

/**
 * Calls route modules in-process, as Remix would: a Request with the cookies a browser would send.
 * Used by the table-driven guard tests and the fuzzers.
 */
export const CSRF_TOKEN = "t".repeat(43);

function cookiePair(setCookie: string): string {
  return setCookie.split(";")[0];
}

export async function csrfCookieHeader(): Promise<string> {
  return cookiePair(await csrfCookie().serialize(CSRF_TOKEN));
}

/**
 * The Cookie header of a signed-in staff member (a real session row in the test database), past
 * both steps: a user whose role needs a second factor and has none gets one first (decision 065).
 * `pending` leaves the second step undone, for the tests of that state.
 */
export async function staffCookies(h: DbHandle, username: string, opts: { pending?: boolean } = {}): Promise<string> {
  const [user] = await h.db.select({ id: staffUsers.id, role: staffUsers.role }).from(staffUsers).where(eq(staffUsers.username, username));
  if (!user) throw new Error(`no staff user ${username}`);
  if (!opts.pending && secondFactorRequired(user.role)) {
    await h.db.insert(staffSecondFactors).values({ userId: user.id, totpKey: Buffer.from(newTotpKey()) }).onConflictDoNothing();
  }
  const token = generateSessionToken();
  await createSession(h.db, token, user.id, new Date(), { twoFactorVerified: !opts.pending });
  return `${cookiePair(await sessionCookie().serialize(token))}; ${await csrfCookieHeader()}`;
}

export function getRequest(path: string, cookies = ""): Request {
  return new Request(`http://localhost${path}`, { headers: cookies ? { Cookie: cookies } : {} });
}

export function postForm(path: string, fields: Record<string, string>, cookies = "", withCsrf = true): Request {
  const body = new URLSearchParams(fields);
  if (withCsrf) body.set("csrf", CSRF_TOKEN);
  return new Request(`http://localhost${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...(cookies ? { Cookie: cookies } : {}) },
    body,
  });
}

type RouteFn = (args: { request: Request; params: Record<string, string>; context: unknown }) => Promise<unknown>;
export type RouteModule = { loader?: RouteFn; action?: RouteFn };

/** Runs a loader or action and returns the Response it answered or threw (Remix treats both alike). */
export async function call(fn: RouteFn, request: Request, params: Record<string, string> = {}, clientIp = "10.0.0.1"): Promise<Response> {
  try {
    const result = await fn({ request, params, context: { requestId: "test", clientIp } });
    if (result instanceof Response) return result;
    // Remix's data() helper: { type: "DataWithResponseInit", data, init }
    const init = (result as { init?: { status?: number } } | null)?.init;
    return new Response(JSON.stringify((result as { data?: unknown })?.data ?? result), { status: init?.status ?? 200 });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    const init = (thrown as { init?: { status?: number } } | null)?.init;
    if (init?.status) return new Response(null, { status: init.status });
    throw thrown;
  }
}

/** The public form's fields as a represented individual sends them (a power of attorney dated `poaDate`). */
export function representedApplyForm(inn: string, poaDate: string): Record<string, string> {
  const { email: _email, ...form } = validForm(inn);
  return {
    ...(form as unknown as Record<string, string>),
    hasRepresentative: "on",
    "representative.name": "Петров П.",
    "representative.idDocument": "AN1234567",
    "representative.poaNumber": "77",
    "representative.poaDate": poaDate,
    "representative.poaCertifiedBy": "notary",
    "representative.poaCertifierName": "Нотариус Иванова",
  };
}

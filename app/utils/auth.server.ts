import { redirect } from "@remix-run/node";
import type { StaffActor, StaffRole } from "../../workflows/actor";
import { sessionCookie } from "./cookies.server";
import { db } from "./db.server";
import { createSession, generateSessionToken, validateSessionToken, type SessionUser } from "./session.server";

export type StaffContext = { user: SessionUser; actor: StaffActor; sessionId: string; setCookie: string | null };

// The root loader and the page's loader both ask for the session of one request: look it up once.
const perRequest = new WeakMap<Request, Promise<StaffContext | null>>();

/** The signed-in staff member, or null. */
export function getStaff(request: Request): Promise<StaffContext | null> {
  let found = perRequest.get(request);
  if (!found) {
    found = lookUpStaff(request);
    perRequest.set(request, found);
  }
  return found;
}

async function lookUpStaff(request: Request): Promise<StaffContext | null> {
  const token = await sessionCookie().parse(request.headers.get("Cookie"));
  if (typeof token !== "string" || token.length > 64) return null;
  const result = await validateSessionToken(await db(), token);
  if (!result) return null;
  const { user, session } = result;
  return {
    user,
    actor: { type: "staff", id: user.id, role: user.role, officeCode: user.officeCode, fullName: user.fullName },
    sessionId: session.id,
    setCookie: null,
  };
}

/**
 * The one guard every staff loader and action calls first: signed out -> to the sign-in page
 * (coming back afterwards); signed in with another role -> 403.
 */
export async function requireStaff(request: Request, roles?: readonly StaffRole[]): Promise<StaffContext> {
  const staff = await getStaff(request);
  if (!staff) {
    const url = new URL(request.url);
    const back = url.pathname + url.search;
    throw redirect(`/login?redirectTo=${encodeURIComponent(back)}`);
  }
  if (roles && !roles.includes(staff.user.role)) {
    throw new Response("Forbidden", { status: 403, statusText: "Forbidden" });
  }
  return staff;
}

export const OFFICE_ROLES = ["inspector", "supervisor"] as const;
export const SUPERVISOR_ROLES = ["supervisor"] as const;
export const ADMIN_ROLES = ["admin"] as const;

/** Starts a session with a fresh token (a new id at every sign-in: no session fixation). */
export async function startSession(userId: string): Promise<string> {
  const token = generateSessionToken();
  const session = await createSession(await db(), token, userId);
  return sessionCookie().serialize(token, { expires: new Date(session.createdAt.getTime() + 12 * 3600_000) });
}

export async function clearSessionCookie(): Promise<string> {
  return sessionCookie().serialize("", { maxAge: 0 });
}

/** Where a staff member lands after signing in. */
export function homeOf(role: StaffRole): string {
  return role === "admin" ? "/admin" : "/desk";
}

/**
 * Only same-site paths are followed after sign-in (no open redirect). The path is read as the URL
 * parser and browsers read it (dot segments, encoded dots, backslashes, tabs and newlines all
 * resolved), and the answer is what the parser wrote: percent-encoded, so that any path fits a
 * Location header (a raw "/Ā" made the redirect throw). A path that resolves to one starting with
 * two slashes ("/.//evil", "/a/..//evil", "/%2e//evil") would name another host: the fallback.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback: string): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  const here = "http://this.invalid";
  const url = URL.canParse(to, here) ? new URL(to, here) : null;
  if (!url || url.origin !== here) return fallback;
  const location = url.pathname + url.search + url.hash;
  return /^\/(?![/\\])/.test(location) ? location : fallback;
}

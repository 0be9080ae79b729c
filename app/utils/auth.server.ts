import { redirect } from "@remix-run/node";
import type { StaffActor, StaffRole } from "../../workflows/actor";
import type { SecondFactorStep } from "../../workflows/auth/two-factor";
import { sessionCookie } from "./cookies.server";
import { db } from "./db.server";
import { createSession, generateSessionToken, validateSessionToken, type SessionUser } from "./session.server";

export type StaffContext = {
  user: SessionUser;
  actor: StaffActor;
  sessionId: string;
  setCookie: string | null;
  /** Whether the user has a second factor, whether this session passed it, and what it still needs (decision 065). */
  secondFactor: { enrolled: boolean; verified: boolean; step: SecondFactorStep };
};

/**
 * The session of this request whatever its standing, the second step done or not: for the
 * second-step pages, sign-out and the header only. Everything else asks getStaff or requireStaff.
 */
export async function getSession(request: Request): Promise<StaffContext | null> {
  const token = await sessionCookie().parse(request.headers.get("Cookie"));
  if (typeof token !== "string" || token.length > 64) return null;
  return lookUpOncePerTurn(token);
}

// The root loader and the page's loader both ask for the session of one request, each with its own
// copy of the Request (Remix makes one per loader), in the same turn of the event loop and before
// the database has answered. They share that one lookup while it is in flight. An answer that has
// arrived is never handed to a later lookup, and the next turn asks the database again: a session
// ended in an earlier turn is never seen alive. Decision 080.
const inFlight = new Map<string, Promise<StaffContext | null>>();

function lookUpOncePerTurn(token: string): Promise<StaffContext | null> {
  let found = inFlight.get(token);
  if (!found) {
    if (inFlight.size === 0) setImmediate(() => inFlight.clear());
    const lookup = lookUpStaff(token).finally(() => {
      if (inFlight.get(token) === lookup) inFlight.delete(token);
    });
    found = lookup;
    inFlight.set(token, found);
  }
  return found;
}

/** The signed-in staff member (password and, where needed, second factor), or null. */
export async function getStaff(request: Request): Promise<StaffContext | null> {
  const session = await getSession(request);
  return session && session.secondFactor.step === "done" ? session : null;
}

async function lookUpStaff(token: string): Promise<StaffContext | null> {
  const result = await validateSessionToken(await db(), token);
  if (!result) return null;
  const { user, session, secondFactor } = result;
  return {
    user,
    actor: { type: "staff", id: user.id, role: user.role, officeCode: user.officeCode, fullName: user.fullName },
    sessionId: session.id,
    setCookie: null,
    secondFactor,
  };
}

/** The page a session with a second step left goes to: the code, or enrolling a factor. */
export function secondStepPath(step: Exclude<SecondFactorStep, "done">, back?: string | null): string {
  const page = step === "code" ? "/login/two-factor" : "/account/two-factor";
  return back ? `${page}?redirectTo=${encodeURIComponent(back)}` : page;
}

function backOf(request: Request): string {
  const url = new URL(request.url);
  return url.pathname + url.search;
}

/**
 * The one guard every staff loader and action calls first: signed out -> to the sign-in page
 * (coming back afterwards); the second step not done -> to it; signed in with another role -> 403.
 */
export async function requireStaff(request: Request, roles?: readonly StaffRole[]): Promise<StaffContext> {
  const staff = await getSession(request);
  if (!staff) throw redirect(`/login?redirectTo=${encodeURIComponent(backOf(request))}`);
  if (staff.secondFactor.step !== "done") throw redirect(secondStepPath(staff.secondFactor.step, backOf(request)));
  if (roles && !roles.includes(staff.user.role)) {
    throw new Response("Forbidden", { status: 403, statusText: "Forbidden" });
  }
  return staff;
}

/** The guard of the second-step pages: any session of a signed-in password; signed out -> to the sign-in page. */
export async function requireSession(request: Request): Promise<StaffContext> {
  const session = await getSession(request);
  if (!session) throw redirect(`/login?redirectTo=${encodeURIComponent(backOf(request))}`);
  return session;
}

export const OFFICE_ROLES = ["inspector", "supervisor"] as const;
export const SUPERVISOR_ROLES = ["supervisor"] as const;
export const ADMIN_ROLES = ["admin"] as const;

/**
 * Starts a session with a fresh token (a new id at every sign-in: no session fixation). It has not
 * passed the second step unless told so (a password change keeps its session's standing).
 */
export async function startSession(userId: string, opts: { twoFactorVerified?: boolean } = {}): Promise<string> {
  const token = generateSessionToken();
  const session = await createSession(await db(), token, userId, new Date(), opts);
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

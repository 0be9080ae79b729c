import { createCookie } from "@remix-run/node";
import { cookieSecrets, secureCookies } from "./env.server";

const base = { httpOnly: true, sameSite: "lax" as const, path: "/" };

/** The session token (Lucia guide): HttpOnly, SameSite=Lax, Secure in production. */
export function sessionCookie() {
  return createCookie(secureCookies() ? "__Host-session" : "session", { ...base, secure: secureCookies() });
}

/** Double-submit CSRF token for every form, signed-in or not. */
export function csrfCookie() {
  return createCookie(secureCookies() ? "__Host-csrf" : "csrf", { ...base, secure: secureCookies() });
}

/** The interface language chosen by the user (ru by default). */
export function languageCookie() {
  return createCookie("lng", { ...base, httpOnly: false, maxAge: 365 * 24 * 3600, secure: secureCookies() });
}

/** One-shot message shown after a redirect (works with several servers: it travels in the cookie). */
export function flashCookie() {
  return createCookie("flash", { ...base, secure: secureCookies(), maxAge: 60 });
}

/**
 * The applicant's just-saved application (code + INN), so the next page can show and print it.
 * Signed: the print page trusts it to name the application, so a cookie the server did not write
 * (any INN and code, base64-encoded) names nothing.
 */
export function lastApplicationCookie() {
  return createCookie("last-application", { ...base, secure: secureCookies(), maxAge: 2 * 3600, secrets: cookieSecrets() });
}

/**
 * The staff logins that signed in successfully from this browser (decision 053): a browser listed
 * here counts its failed sign-ins at that login on its own, apart from the login's backstop, so
 * guessing from elsewhere does not keep the owner out of their usual browser. Signed, so it cannot
 * be written by hand; it proves nothing but "this browser signed in as this login before".
 */
export function knownDeviceCookie() {
  return createCookie("known-device", { ...base, secure: secureCookies(), maxAge: 180 * 24 * 3600, secrets: cookieSecrets() });
}

/** The parts of the site that show one staff member's work: never stored by a browser or a proxy. */
const SIGNED_IN_AREAS = /^\/(desk|admin|account)(\/|$)/;
const SESSION_COOKIE = /(?:^|;\s*)(?:__Host-)?session=[^;]/;

/**
 * Whether an answer must carry `Cache-Control: no-store`: every page and data answer of the
 * signed-in areas, and any answer to a request carrying a session (the header shows who is signed
 * in), so that the back button or a shared computer's cache never shows them to the next person.
 */
export function isPrivateAnswer(request: Request): boolean {
  return SIGNED_IN_AREAS.test(new URL(request.url).pathname) || SESSION_COOKIE.test(request.headers.get("Cookie") ?? "");
}

/** Sets no-store on a private answer's headers (documents in entry.server, data answers in handleDataRequest). */
export function markPrivate(request: Request, headers: Headers): void {
  if (isPrivateAnswer(request)) headers.set("Cache-Control", "no-store");
}

import { timingSafeEqual } from "node:crypto";
import { encodeBase64urlNoPadding } from "@oslojs/encoding";
import { csrfCookie } from "./cookies.server";

export const CSRF_FIELD = "csrf";

/** A token is 32 random bytes in base64url: 43 characters, nothing shorter, nothing else. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const isToken = (value: unknown): value is string => typeof value === "string" && TOKEN.test(value);

/** The request's CSRF token, and a Set-Cookie header when a new one had to be issued. */
export async function csrfToken(request: Request): Promise<{ token: string; setCookie: string | null }> {
  const existing = await csrfCookie().parse(request.headers.get("Cookie"));
  if (isToken(existing)) return { token: existing, setCookie: null };
  const bytes = new Uint8Array(32);
  crypto.getRandomValues(bytes);
  const token = encodeBase64urlNoPadding(bytes);
  return { token, setCookie: await csrfCookie().serialize(token) };
}

function forbidden(): never {
  throw new Response("CSRF token missing or wrong", { status: 403, statusText: "Forbidden" });
}

/**
 * Compares the submitted token with the cookie's; throws a 403 response when they differ. Both must
 * be full tokens: an empty cookie and an empty field are equal, and must not pass.
 */
export async function assertCsrf(request: Request, submitted: FormDataEntryValue | null | undefined) {
  const expected = await csrfCookie().parse(request.headers.get("Cookie"));
  if (!isToken(expected) || !isToken(submitted)) forbidden();
  const a = Buffer.from(expected);
  const b = Buffer.from(submitted);
  if (a.length !== b.length || !timingSafeEqual(a, b)) forbidden();
}

/** The one way actions read a posted form: the CSRF token is checked before anything else. */
export async function readForm(request: Request): Promise<FormData> {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw new Response("Malformed form", { status: 400 });
  }
  await assertCsrf(request, form.get(CSRF_FIELD));
  // No text field may carry a NUL: PostgreSQL text cannot hold it, and no person types it.
  for (const value of form.values()) {
    if (typeof value === "string" && value.includes("\u0000")) throw new Response("Malformed form", { status: 400 });
  }
  return form;
}

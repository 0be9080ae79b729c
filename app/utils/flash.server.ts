import { redirect } from "@remix-run/node";
import { flashCookie } from "./cookies.server";

export type Flash = { kind: "success" | "error" | "info"; key: string; values?: Record<string, string | number> };

/** Redirects with a one-shot message (translated on the next page). */
export async function redirectWithFlash(to: string, flash: Flash, init: { headers?: HeadersInit } = {}) {
  const headers = new Headers(init.headers);
  headers.append("Set-Cookie", await flashCookie().serialize(flash));
  return redirect(to, { headers });
}

export async function readFlash(request: Request): Promise<{ flash: Flash | null; setCookie: string | null }> {
  const flash = (await flashCookie().parse(request.headers.get("Cookie"))) as Flash | null;
  if (!flash) return { flash: null, setCookie: null };
  return { flash, setCookie: await flashCookie().serialize("", { maxAge: 0 }) };
}

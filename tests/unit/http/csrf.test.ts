import { describe, expect, it } from "vitest";
import { assertCsrf, csrfToken, readForm } from "../../../app/utils/csrf.server";
import { csrfCookie } from "../../../app/utils/cookies.server";
import { CSRF_TOKEN, csrfCookieHeader } from "../../support/http";

const pair = (setCookie: string) => setCookie.split(";")[0];

function post(cookie: string, field: string | null) {
  const body = new URLSearchParams({ name: "x" });
  if (field !== null) body.set("csrf", field);
  return new Request("http://localhost/status", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...(cookie ? { Cookie: cookie } : {}) },
    body,
  });
}

async function status(request: Request): Promise<number> {
  try {
    await readForm(request);
    return 200;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

describe("the double-submit CSRF token", () => {
  it("the cookie's token and the same token in the form pass", async () => {
    expect(await status(post(await csrfCookieHeader(), CSRF_TOKEN))).toBe(200);
  });

  it("an empty token in the cookie and an empty field are refused, however the emptiness is written", async () => {
    const emptyJson = pair(await csrfCookie().serialize("")); // `csrf=`
    const encodedEmpty = `${csrfCookie().name}=${encodeURIComponent(Buffer.from(JSON.stringify("")).toString("base64"))}`; // "" as JSON, base64
    for (const cookie of [emptyJson, encodedEmpty, "", `${csrfCookie().name}=`]) {
      expect(await status(post(cookie, "")), cookie).toBe(403);
      expect(await status(post(cookie, null)), cookie).toBe(403);
    }
  });

  it("equal tokens shorter than a full token are refused", async () => {
    for (const short of ["a", "t".repeat(31), "t".repeat(42)]) {
      const cookie = pair(await csrfCookie().serialize(short));
      expect(await status(post(cookie, short)), short).toBe(403);
      await expect(assertCsrf(post(cookie, short), short)).rejects.toBeInstanceOf(Response);
    }
  });

  it("a cookie holding a short token gets a fresh full-length one", async () => {
    const { token, setCookie } = await csrfToken(new Request("http://localhost/", { headers: { Cookie: pair(await csrfCookie().serialize("")) } }));
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(setCookie).not.toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { httpSettings, parseEnv } from "../../../app/utils/env.server";
import { isPrivateAnswer } from "../../../app/utils/cache.server";
import { handleDataRequest } from "../../../app/entry.server";
import { startGuardedServer } from "../../support/express";
import { getRequest, type RouteModule } from "../../support/http";

const page: RouteModule = { loader: async () => new Response("<p>page</p>", { headers: { "Content-Type": "text/html" } }) };

async function headersOf(env: Record<string, string>) {
  const server = await startGuardedServer(httpSettings(parseEnv(env)), { "/": page });
  try {
    const res = await fetch(`${server.base}/`);
    await res.arrayBuffer();
    return res.headers;
  } finally {
    await server.close();
  }
}

describe("Strict-Transport-Security", () => {
  it("is sent whenever the site is configured for HTTPS (production, Secure cookies)", async () => {
    expect((await headersOf({ NODE_ENV: "production" })).get("strict-transport-security")).toBe("max-age=31536000");
    expect((await headersOf({ SECURE_COOKIES: "1" })).get("strict-transport-security")).toBe("max-age=31536000");
  });

  it("is not sent for a plain-HTTP trial (SECURE_COOKIES=0) or in development", async () => {
    expect((await headersOf({ NODE_ENV: "production", SECURE_COOKIES: "0" })).get("strict-transport-security")).toBeNull();
    expect((await headersOf({})).get("strict-transport-security")).toBeNull();
  });
});

describe("signed-in pages are never stored", () => {
  it("every answer of the desk, the administration and the account, and any answer to a signed-in request, is private", () => {
    for (const path of ["/desk", "/desk/applications/1", "/admin", "/admin/staff?x=1", "/account/password"]) {
      expect(isPrivateAnswer(getRequest(path)), path).toBe(true);
    }
    expect(isPrivateAnswer(getRequest("/status", "__Host-session=abc"))).toBe(true);
    expect(isPrivateAnswer(getRequest("/status", "session=abc; lng=ru"))).toBe(true);
    for (const path of ["/", "/status", "/apply", "/desktop", "/administration"]) expect(isPrivateAnswer(getRequest(path)), path).toBe(false);
  });

  it("data answers (client-side navigation) get Cache-Control: no-store, a redirect's immutable headers too", () => {
    const data = handleDataRequest(new Response("{}", { headers: { "Cache-Control": "max-age=60" } }), { request: getRequest("/desk/board?_data=routes/desk.board") });
    expect(data.headers.get("cache-control")).toBe("no-store");
    const redirect = handleDataRequest(Response.redirect("http://localhost/login", 302), { request: getRequest("/admin?_data=root") });
    expect(redirect.headers.get("cache-control")).toBe("no-store");
    const open = handleDataRequest(new Response("{}"), { request: getRequest("/status?_data=root") });
    expect(open.headers.get("cache-control")).toBeNull();
  });
});

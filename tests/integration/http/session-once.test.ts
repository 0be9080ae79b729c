import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../../db/client";
import { sessions } from "../../../db/schema";
import remixConfig from "../../../remix.config.js";
import { getSession, type StaffContext } from "../../../app/utils/auth.server";
import { releaseAppDatabase, useAppDatabase } from "../../support/app-db";
import { createTestDb } from "../../support/db";
import { createOffice, createStaff } from "../../support/factories";
import { staffCookies } from "../../support/http";

// A page is the root's loader and its own, each handed its own copy of the Request by Remix's
// server runtime: the session must still be looked up once per page (decision 080).
let h: DbHandle;
let username: string;

beforeAll(async () => {
  h = await createTestDb();
  useAppDatabase(h);
  await createOffice(h.db, "001");
  const actor = await createStaff(h.db, "inspector", "001");
  username = (await h.db.query.staffUsers.findFirst({ where: (u, { eq }) => eq(u.id, actor.id) }))!.username;
});
afterAll(async () => {
  releaseAppDatabase();
  await h.close();
});

type Asked = { request: Request; staff: StaffContext | null };

/** Remix's request handler over a root and one page whose loaders both ask for the session. */
function pageAsking(asked: Asked[]) {
  const loader = async ({ request }: { request: Request }) => {
    asked.push({ request, staff: await getSession(request) });
    return null;
  };
  const route = (id: string, path: string, parentId?: string) => ({
    id,
    parentId,
    path,
    module: { loader, default: () => null },
  });
  const manifest = (id: string, path: string, parentId?: string) => ({
    id,
    parentId,
    path,
    module: `/${id}.js`,
    hasLoader: true,
    hasAction: false,
    hasClientLoader: false,
    hasClientAction: false,
    hasErrorBoundary: false,
  });
  const build = {
    mode: "production",
    entry: { module: { default: async (_request: Request, status: number, headers: Headers) => new Response("page", { status, headers }) } },
    routes: { root: route("root", ""), "routes/desk": route("routes/desk", "desk", "root") },
    assets: {
      entry: { module: "/entry.js", imports: [] },
      routes: { root: manifest("root", ""), "routes/desk": manifest("routes/desk", "desk", "root") },
      url: "/manifest.js",
      version: "1",
    },
    publicPath: "/",
    assetsBuildDirectory: "build/client",
    future: remixConfig.future,
    isSpaMode: false,
  } as unknown as ServerBuild;
  return createRequestHandler(build, "production");
}

describe("the session of one page", () => {
  it("is looked up once, though the root and the page each get their own Request", async () => {
    const asked: Asked[] = [];
    const handle = pageAsking(asked);
    const cookie = await staffCookies(h, username);
    const res = await handle(new Request("http://localhost/desk", { headers: { Cookie: cookie } }));
    expect(res.status).toBe(200);
    expect(asked).toHaveLength(2);
    // Remix's copies: two Request objects for one page.
    expect(asked[0].request).not.toBe(asked[1].request);
    expect(asked[0].staff?.user.username).toBe(username);
    // One lookup: both loaders hold the one answer it gave.
    expect(asked[1].staff).toBe(asked[0].staff);
  });

  it("is looked up again for the next page: a session ended between two pages is gone on the second", async () => {
    const asked: Asked[] = [];
    const handle = pageAsking(asked);
    const cookie = await staffCookies(h, username);
    await handle(new Request("http://localhost/desk", { headers: { Cookie: cookie } }));
    const first = asked[0].staff;
    expect(first?.user.username).toBe(username);
    await h.db.delete(sessions).where(eq(sessions.id, first!.sessionId));
    await handle(new Request("http://localhost/desk", { headers: { Cookie: cookie } }));
    expect(asked.slice(2).map((a) => a.staff)).toEqual([null, null]);
  });

  it("is not shared between two sessions asked in the same turn", async () => {
    const [a, b] = [await staffCookies(h, username), await staffCookies(h, username)];
    const [sa, sb] = await Promise.all([getSession(new Request("http://localhost/", { headers: { Cookie: a } })), getSession(new Request("http://localhost/", { headers: { Cookie: b } }))]);
    expect(sa?.sessionId).toBeTruthy();
    expect(sb?.sessionId).toBeTruthy();
    expect(sa?.sessionId).not.toBe(sb?.sessionId);
  });
});

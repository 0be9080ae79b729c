import { readFileSync } from "node:fs";
import Module, { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { withCaches } from "../../../server/route-matching.js";

// The copy of @remix-run/router the server runtime loads, as server/route-matching.js finds it.
const require = createRequire(import.meta.url);
const runtime = createRequire(require.resolve("@remix-run/node")).resolve("@remix-run/server-runtime");
const file = createRequire(runtime).resolve("@remix-run/router");
const original = readFileSync(file, "utf8");

type Router = typeof import("@remix-run/router");
function load(source: string): Router {
  const mod = new Module(file, undefined) as Module & { _compile(code: string, name: string): void };
  mod.filename = file;
  mod.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(file));
  mod._compile(source, file);
  return mod.exports as Router;
}

describe("route matching computed once per route table and location (server/route-matching.js)", () => {
  it("knows the installed version of @remix-run/router (otherwise the server matches uncached and warns)", () => {
    expect(withCaches(original)).not.toBeNull();
    expect(withCaches("function unrelated() {}")).toBeNull();
  });

  it("matches every path exactly as the original does, the first time and every time after", () => {
    const plain = load(original);
    const cached = load(withCaches(original)!);
    const table = () => [
      {
        id: "root",
        path: "",
        children: [
          { id: "index", index: true },
          { id: "desk", path: "desk", children: [{ id: "desk-index", index: true }, { id: "find", path: "find" }, { id: "app", path: "applications/:id" }] },
          { id: "verify", path: "verify/:id" },
          { id: "lang", path: ":lang?/status" },
          { id: "Case", path: "CaseSensitive", caseSensitive: true },
          { id: "api", path: "api/*" },
          { id: "splat", path: "*" },
        ],
      },
    ];
    const paths = ["/", "/desk", "/desk/", "/desk/find", "/desk/applications/7c6f5d1e", "/verify/abc%20def", "/ky/status", "/status", "/casesensitive", "/CaseSensitive", "/api/v1/journal", "/nothing/here", "/desk/find/extra", "//desk"];
    const a = table();
    const b = table();
    const shape = (m: ReturnType<Router["matchRoutes"]>) => m?.map((x) => ({ id: x.route.id, params: x.params, pathname: x.pathname, base: x.pathnameBase }));
    for (let round = 0; round < 3; round++) {
      for (const p of paths) expect(shape(cached.matchRoutes(b, p)), `${p}, round ${round}`).toEqual(shape(plain.matchRoutes(a, p)));
    }
    // A new table is matched on its own terms, not from the first table's cache.
    const other = [{ id: "only", path: "only" }];
    expect(shape(cached.matchRoutes(other, "/desk"))).toBeUndefined();
    expect(shape(cached.matchRoutes(other, "/only"))?.[0].id).toBe("only");

    // A table built anew for every page (Remix's RemixServer does): the same matches, on the routes
    // of the table asked about, each call with params of its own, shared by its matches as the original shares them.
    for (let round = 0; round < 3; round++) {
      for (const p of [...paths, "/desk/applications/другой", "/ky/status?x=1", "/desk#top"]) {
        const fresh = table();
        const got = cached.matchRoutes(fresh, p);
        expect(shape(got), `${p}, fresh table, round ${round}`).toEqual(shape(plain.matchRoutes(table(), p)));
        for (const m of got ?? []) {
          const own = (function find(routes: ReturnType<typeof table>[number]["children"] | ReturnType<typeof table>): boolean {
            return (routes ?? []).some((r) => r === m.route || find((r as { children?: [] }).children ?? []));
          })(fresh);
          expect(own, `${p}: ${m.route.id} is a route of the table asked about`).toBe(true);
          expect(m.params).toBe(got![0].params);
        }
        if (got?.[0]) (got[0].params as Record<string, string>).id = "changed by a caller";
      }
    }
    // A table of another shape, even with the same ids, is not answered from the first one's matches.
    const moved = table();
    moved[0].children[1].path = "office";
    expect(shape(cached.matchRoutes(moved, "/desk"))).toEqual(shape(plain.matchRoutes(moved, "/desk")));
    expect(shape(cached.matchRoutes(moved, "/office/find"))?.map((m) => m.id)).toEqual(["root", "desk", "find"]);
    // The React router's partial matching (allowPartial) and a basename are kept apart.
    expect(shape(cached.matchRoutes(table(), "/app/desk", "/app"))).toEqual(shape(plain.matchRoutes(table(), "/app/desk", "/app")));
    expect(shape(cached.matchRoutes(table(), "/desk", "/app"))).toEqual(shape(plain.matchRoutes(table(), "/desk", "/app")));
  });

  it("makes a frozen table's data routes once, the same as the original makes them; any other table every time", () => {
    const plain = load(original);
    const cached = load(withCaches(original)!);
    const props = (r: { id?: string }) => ({ hasErrorBoundary: r.id === "root" });
    type Route = Parameters<Router["UNSAFE_convertRoutesToDataRoutes"]>[0][number] & { children?: Route[] };
    const table = (): Route[] => [{ id: "root", path: "", children: [{ id: "index", index: true }, { id: "desk", path: "desk", children: [{ id: "find", path: "find" }] }] }];
    const frozen = (function freeze(routes: Route[]): Route[] {
      for (const r of routes) {
        if (r.children) freeze(r.children);
        Object.freeze(r);
      }
      return Object.freeze(routes) as Route[];
    })(table());
    const manifest1: Parameters<Router["UNSAFE_convertRoutesToDataRoutes"]>[3] & object = {};
    const manifest2: Parameters<Router["UNSAFE_convertRoutesToDataRoutes"]>[3] & object = {};
    const first = cached.UNSAFE_convertRoutesToDataRoutes(frozen, props, undefined, manifest1);
    const second = cached.UNSAFE_convertRoutesToDataRoutes(frozen, props, undefined, manifest2);
    const expected: Parameters<Router["UNSAFE_convertRoutesToDataRoutes"]>[3] & object = {};
    expect(first).toEqual(plain.UNSAFE_convertRoutesToDataRoutes(table(), props, undefined, expected));
    expect(second).toBe(first);
    expect(Object.isFrozen(first) && Object.isFrozen(first[0]) && Object.isFrozen(first[0].children)).toBe(true);
    // Each caller's manifest gets every route by its id, as the original fills it.
    for (const m of [manifest1, manifest2] as Record<string, unknown>[]) {
      for (const id of Object.keys(expected)) expect(m[id], id).toEqual(expected[id]);
      expect(m.find).toBe((first[0].children![1] as { children: unknown[] }).children[0]);
    }
    // Another way of mapping properties, a table that can change, a manifest already in use: made anew.
    expect(cached.UNSAFE_convertRoutesToDataRoutes(frozen, (r) => ({ hasErrorBoundary: r.id !== "root" }))).not.toBe(first);
    const open = table();
    expect(cached.UNSAFE_convertRoutesToDataRoutes(open, props)).not.toBe(cached.UNSAFE_convertRoutesToDataRoutes(open, props));
    expect(() => cached.UNSAFE_convertRoutesToDataRoutes(frozen, props, undefined, { desk: { id: "desk" } })).toThrow(/collision/);
  });
});

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

describe("route matching computed once per route table (server/route-matching.js)", () => {
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
  });
});

import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { keepServerRouteTable, keptServerRoutes } from "../../../server/route-table.js";

// @remix-run/react's own createServerRoutes, as RemixServer calls it for every page.
const require = createRequire(import.meta.url);
const routesModule = require(path.join(path.dirname(require.resolve("@remix-run/react")), "routes.js")) as {
  createServerRoutes: (manifest: object, routeModules: Record<string, unknown>, future: unknown, isSpaMode: boolean) => ServerRoute[];
};
type ServerRoute = { id: string; path?: string; index?: boolean; handle?: unknown; Component?: unknown; loader?: unknown; children?: ServerRoute[] };

const manifest = {
  root: { id: "root", path: "", hasLoader: true, module: "/root.js" },
  "routes/desk": { id: "routes/desk", parentId: "root", path: "desk", hasLoader: true, module: "/desk.js" },
  "routes/desk._index": { id: "routes/desk._index", parentId: "routes/desk", index: true, hasLoader: false, module: "/desk-index.js" },
  "routes/verify": { id: "routes/verify", parentId: "root", path: "verify/:id", hasLoader: true, module: "/verify.js" },
};
const rootModule = { default: () => null, ErrorBoundary: () => null };
const deskModule = { default: () => null, handle: { i18n: ["desk"] } };
const deskIndexModule = { default: () => null };
const verifyModule = { default: () => null, handle: { i18n: ["verify"] } };
/** A new object for every page, holding the build's modules, as Remix's server runtime makes it. */
const modules = (): Record<string, unknown> => ({ root: rootModule, "routes/desk": deskModule, "routes/desk._index": deskIndexModule, "routes/verify": verifyModule });
/** A table with its functions told by kind: Remix gives each route a loader function of its own every time. */
const shape = (routes: ServerRoute[]): unknown => JSON.parse(JSON.stringify(routes, (_k, v: unknown) => (typeof v === "function" ? `function ${(v as { name: string }).name}` : v)));
const future = { v3_singleFetch: true };

describe("the route table kept per build (server/route-table.js)", () => {
  it("is the table Remix builds, built once for a build however many pages ask for it", () => {
    const original = routesModule.createServerRoutes;
    const kept = keptServerRoutes(original);
    const first = kept(manifest, modules(), future, false);
    expect(shape(first)).toEqual(shape(original(manifest, modules(), future, false)));
    expect(first[0].children![0].Component).toBe(deskModule.default);
    // Every page comes with a route-modules object of its own, holding the same modules.
    expect(kept(manifest, modules(), future, false)).toBe(first);
    expect(Object.isFrozen(first) && Object.isFrozen(first[0]) && Object.isFrozen(first[0].children![0].children)).toBe(true);
    expect(first[0].children!.map((r) => r.id)).toEqual(["routes/desk", "routes/verify"]);
  });

  it("is built again when a module, the future flags or SPA mode differ, or for another build's manifest", () => {
    const kept = keptServerRoutes(routesModule.createServerRoutes);
    const first = kept(manifest, modules(), future, false);
    const changed = { ...modules(), "routes/desk": { default: () => null, handle: { i18n: ["desk", "common"] } } };
    const rebuilt = kept(manifest, changed, future, false);
    expect(rebuilt).not.toBe(first);
    expect(rebuilt[0].children![0].handle).toEqual({ i18n: ["desk", "common"] });
    expect(kept(manifest, { ...modules(), extra: {} }, future, false)).not.toBe(rebuilt);
    const again = kept(manifest, modules(), future, false);
    expect(kept(manifest, modules(), { ...future }, false)).not.toBe(again);
    expect(kept({ ...manifest }, modules(), future, false)).not.toBe(kept(manifest, modules(), future, false));
  });

  it("is installed in @remix-run/react once, where RemixServer looks it up", () => {
    expect(keepServerRouteTable()).toBe(true);
    const installed = routesModule.createServerRoutes;
    expect(keepServerRouteTable()).toBe(true);
    expect(routesModule.createServerRoutes).toBe(installed);
    expect(installed(manifest, modules(), future, false)).toBe(installed(manifest, modules(), future, false));
  });
});

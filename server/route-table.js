// Remix's route table for the React router, built once per build instead of on every page.
// Remix v2's RemixServer calls createServerRoutes for every page it renders: an object per route,
// its components looked up and a root Layout's elements made, 2 % of the queue page's server CPU,
// and the static router then copied the new table again (decision 078). The table depends only on
// the build's manifest, its route modules, its future flags and SPA mode, all fixed for a build;
// it is kept per manifest and made again if any module differs (a development server's new build
// comes with a new manifest anyway). The kept table is frozen: nothing on the server changes it,
// and the router keeps the data routes of a frozen table (server/route-matching.js).
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
const KEPT = Symbol.for("cabinet-access.route-table.kept");

/**
 * createServerRoutes, keeping the table per manifest.
 * @template {(manifest: object, routeModules: Record<string, unknown>, future: unknown, isSpaMode: boolean, ...rest: unknown[]) => unknown[]} F
 * @param {F} original
 * @returns {F}
 */
export function keptServerRoutes(original) {
  /** @type {WeakMap<object, { modules: Record<string, unknown>; count: number; future: unknown; isSpaMode: boolean; routes: unknown[] }>} */
  const kept = new WeakMap();
  return /** @type {F} */ (
    Object.assign(function createServerRoutes(manifest, routeModules, future, isSpaMode, ...rest) {
      // Its own recursion (a parent id, the grouped routes) is the original's.
      if (rest.length > 0) return original(manifest, routeModules, future, isSpaMode, ...rest);
      const table = kept.get(manifest);
      if (table && table.future === future && table.isSpaMode === isSpaMode && sameModules(table, routeModules)) return table.routes;
      const routes = deepFrozen(original(manifest, routeModules, future, isSpaMode));
      let count = 0;
      for (const _ in routeModules) count++;
      kept.set(manifest, { modules: { ...routeModules }, count, future, isSpaMode, routes });
      return routes;
    }, { [KEPT]: true })
  );
}

/** @param {{ modules: Record<string, unknown>; count: number }} table @param {Record<string, unknown>} routeModules */
function sameModules(table, routeModules) {
  let count = 0;
  for (const id in routeModules) {
    if (table.modules[id] !== routeModules[id]) return false;
    count++;
  }
  return count === table.count;
}

/** The routes and their children frozen; their components and elements are left as they are. @param {any[]} routes */
function deepFrozen(routes) {
  for (const route of routes) {
    if (route.children) deepFrozen(route.children);
    Object.freeze(route);
  }
  return Object.freeze(routes);
}

/** Installs the kept table in @remix-run/react's routes module; false (nothing changed) when it is not the one known. */
export function keepServerRouteTable() {
  const file = path.join(path.dirname(require.resolve("@remix-run/react")), "routes.js");
  const routes = require(file);
  if (routes.createServerRoutes?.[KEPT]) return true;
  if (typeof routes.createServerRoutes !== "function" || routes.createServerRoutes.length !== 4) return false;
  const descriptor = Object.getOwnPropertyDescriptor(routes, "createServerRoutes");
  if (!descriptor?.writable) return false;
  routes.createServerRoutes = keptServerRoutes(routes.createServerRoutes);
  return true;
}

export const serverRouteTableKept = keepServerRouteTable();

// Route matching computed once per route table and location instead of on every request.
// @remix-run/router 1.x (Remix v2) flattens and ranks the whole route table, and compiles a regular
// expression for each route it tries, every time it matches a URL: four times per page, 10 % of the
// server's CPU in a /desk profile (docs/benchmarks.md). React Router 7 caches the ranking
// (remix-run/react-router#14967); this loads caching into Remix v2's copy of the module before
// anything requires it, so every importer (the server runtime, the React router) shares it. A route
// table is never changed in place on the server. Decisions 069 and 077.
import { readFileSync } from "node:fs";
import Module, { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);

const MATCH = "function matchRoutesImpl(routes, locationArg, basename, allowPartial) {";
const COMPILE = "function compilePath(path, caseSensitive, end) {";
const CONVERT = "function convertRoutesToDataRoutes(routes, mapRouteProperties, parentPath, manifest) {";

// Matches are kept per route table's shape (its routes' ids, paths, flags and children, in order)
// and location, not per table object: Remix's RemixServer builds a new table for every page (the
// React router's), which a cache per object never saw twice (decision 077). A kept match names its
// routes by position, and is rebuilt on the routes of the table it is asked for. Both maps are
// bounded: a location is anything a client sends.
const CACHES = `
const shapeIds = new Map();
let nextShapeId = 0;
const shapeIdOfTable = new WeakMap();
function shapeOf(routes) {
  let shape = "";
  for (const r of routes) {
    shape += r.id + "\\u0001" + (r.path === undefined ? "\\u0004" : r.path) + "\\u0001" + (r.index ? "i" : "-") + (r.caseSensitive ? "c" : "-");
    if (r.children && r.children.length) shape += "(" + shapeOf(r.children) + ")";
    shape += "\\u0002";
  }
  return shape;
}
function shapeIdOf(routes) {
  let id = shapeIdOfTable.get(routes);
  if (id === undefined) {
    const shape = shapeOf(routes);
    id = shapeIds.get(shape);
    if (id === undefined) {
      // Never reused: a table that kept an id from before a clear still names only its own shape.
      id = nextShapeId++;
      if (shapeIds.size >= 1000) shapeIds.clear();
      shapeIds.set(shape, id);
    }
    shapeIdOfTable.set(routes, id);
  }
  return id;
}
function positionOf(routes, route) {
  for (let i = 0; i < routes.length; i++) {
    if (routes[i] === route) return [i];
    const below = routes[i].children ? positionOf(routes[i].children, route) : null;
    if (below) return [i, ...below];
  }
  return null;
}
function routeAt(routes, position) {
  let route = routes[position[0]];
  for (let i = 1; i < position.length; i++) route = route.children[position[i]];
  return route;
}
const matchesByKey = new Map();
function matchRoutesImpl(routes, locationArg, basename, allowPartial) {
  let location = typeof locationArg === "string" ? parsePath(locationArg) : locationArg;
  let key = shapeIdOf(routes) + (allowPartial ? "p" : "-") + basename + "\\u0000" + (location.pathname || "/");
  let kept = matchesByKey.get(key);
  if (kept === undefined) {
    let matches = matchRoutesImplOnce(routes, location, basename, allowPartial);
    kept = matches === null ? null : { params: { ...(matches[0] ? matches[0].params : {}) }, list: matches.map((m) => ({ at: positionOf(routes, m.route), pathname: m.pathname, pathnameBase: m.pathnameBase })) };
    if (kept !== null && kept.list.some((m) => m.at === null)) return matches;
    if (matchesByKey.size >= 1000) matchesByKey.clear();
    matchesByKey.set(key, kept);
    return matches;
  }
  if (kept === null) return null;
  // One params object for all the matches, as matchRouteBranch hands them out.
  let params = { ...kept.params };
  return kept.list.map((m) => ({ params, pathname: m.pathname, pathnameBase: m.pathnameBase, route: routeAt(routes, m.at) }));
}
const compiledPaths = new Map();
function compilePath(path, caseSensitive, end) {
  const key = (caseSensitive ? "1" : "0") + (end === false ? "0" : "1") + path;
  let compiled = compiledPaths.get(key);
  if (!compiled) {
    compiled = compilePathOnce(path, caseSensitive, end);
    if (compiledPaths.size < 1000) compiledPaths.set(key, compiled);
  }
  return compiled;
}
// A frozen table's data routes, made once (decision 078): the static router of every page copies
// Remix's route table into data routes, and that table is now kept per build and frozen
// (server/route-table.js). A frozen table cannot change, so neither can its copies, which are
// frozen in turn. The caller's manifest answers every id as the original's would, from the kept
// one behind it (copying 60 ids into it for every page cost half of what was saved); a manifest
// that already holds some is left to the original.
const dataRoutesOf = new WeakMap();
function frozenRoutes(routes) {
  for (const route of routes) {
    if (route.children) frozenRoutes(route.children);
    Object.freeze(route);
  }
  return Object.freeze(routes);
}
function convertRoutesToDataRoutes(routes, mapRouteProperties, parentPath, manifest) {
  if (parentPath !== undefined || !Object.isFrozen(routes)) return convertRoutesToDataRoutesOnce(routes, mapRouteProperties, parentPath, manifest);
  if (manifest !== undefined) for (const _ in manifest) return convertRoutesToDataRoutesOnce(routes, mapRouteProperties, parentPath, manifest);
  let kept = dataRoutesOf.get(routes);
  if (kept === undefined || kept.mapRouteProperties !== mapRouteProperties) {
    const ids = {};
    kept = { mapRouteProperties, ids, dataRoutes: frozenRoutes(convertRoutesToDataRoutesOnce(routes, mapRouteProperties, undefined, ids)) };
    dataRoutesOf.set(routes, kept);
  }
  if (manifest !== undefined) Object.setPrototypeOf(manifest, kept.ids);
  return kept.dataRoutes;
}
`;

/** The source with the caches in, or null when this version of the module is not the one known. */
export function withCaches(source) {
  for (const known of [MATCH, COMPILE, CONVERT]) {
    const at = source.indexOf(known);
    if (at < 0 || source.indexOf(known, at + 1) >= 0) return null;
  }
  return (
    source
      .replace(MATCH, "function matchRoutesImplOnce(routes, locationArg, basename, allowPartial) {")
      .replace(COMPILE, "function compilePathOnce(path, caseSensitive, end) {")
      .replace(CONVERT, "function convertRoutesToDataRoutesOnce(routes, mapRouteProperties, parentPath, manifest) {") + CACHES
  );
}

/**
 * Puts the cached module in Node's module cache under its own file name. Returns false (and
 * changes nothing) when the installed version differs from the one this was written for.
 */
export function cacheRouteMatching() {
  const runtime = createRequire(require.resolve("@remix-run/node")).resolve("@remix-run/server-runtime");
  const file = createRequire(runtime).resolve("@remix-run/router");
  if (require.cache[file]) return false;
  const source = withCaches(readFileSync(file, "utf8"));
  if (!source) return false;
  const mod = new Module(file, null);
  mod.filename = file;
  mod.paths = Module._nodeModulePaths(path.dirname(file));
  mod._compile(source, file);
  mod.loaded = true;
  require.cache[file] = mod;
  return true;
}

export const routeMatchingCached = cacheRouteMatching();

// Route matching computed once per route table instead of on every request. @remix-run/router 1.x
// (Remix v2) flattens and ranks the whole route table, and compiles a regular expression for each
// route it tries, every time it matches a URL: two to three times per request, 10 % of the server's
// CPU in a /desk profile (docs/benchmarks.md). React Router 7 caches both (remix-run/react-router
// #14967); this loads the same caching into Remix v2's copy of the module before anything requires
// it, so every importer (the server runtime, the React router) shares it. A route table is never
// changed in place on the server, and the patterns compiled are the routes' own, so both caches
// stay small. Decision 069.
import { readFileSync } from "node:fs";
import Module, { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);

const FLATTEN = "  let branches = flattenRoutes(routes);\n  rankRouteBranches(branches);";
const COMPILE = "function compilePath(path, caseSensitive, end) {";

const CACHES = `
const rankedBranchesOf = new WeakMap();
function rankedBranches(routes) {
  let branches = rankedBranchesOf.get(routes);
  if (!branches) {
    branches = flattenRoutes(routes);
    rankRouteBranches(branches);
    rankedBranchesOf.set(routes, branches);
  }
  return branches;
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
`;

/** The source with the caches in, or null when this version of the module is not the one known. */
export function withCaches(source) {
  const flattenAt = source.indexOf(FLATTEN);
  const compileAt = source.indexOf(COMPILE);
  if (flattenAt < 0 || compileAt < 0 || source.indexOf(FLATTEN, flattenAt + 1) >= 0) return null;
  return (
    source
      .replace(FLATTEN, "  let branches = rankedBranches(routes);")
      .replace(COMPILE, "function compilePathOnce(path, caseSensitive, end) {") + CACHES
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

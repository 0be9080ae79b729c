// What every request passes before Remix sees it, in one place so that server.js and the tests
// put the same guards in the same order: whom to believe about the client's address. Plain
// JavaScript: server.js runs it before (and without) the TypeScript build.

/**
 * Puts the guards on an Express app. `settings` comes from app/utils/env.server.ts
 * (`httpSettings`, exported by the build's entry).
 * @param {import("express").Express} app
 * @param {{ trustProxy: number | string[] | false }} settings
 */
export function protect(app, settings) {
  // A hop count or the proxies' addresses, never `true`: with `true` the client writes its own
  // address in X-Forwarded-For, and every per-address limit counts whatever it wrote.
  app.set("trust proxy", settings.trustProxy);
}

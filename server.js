// The HTTP server: Express in front of Remix, for what every request needs (request ids, security
// headers, origin check, structured logs) and for a graceful shutdown. `npm run dev` runs it with
// Vite in middleware mode; `npm start` with the production build.
import { spawnSync } from "node:child_process";
import cluster from "node:cluster";
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import compression from "compression";
import express from "express";
// First: the route matching module is replaced before the server runtime loads it.
import { routeMatchingCached } from "./server/route-matching.js";
import { serverRouteTableKept } from "./server/route-table.js";
import { log, redactPath } from "./app/utils/log.js";
import { guards, protect } from "./server/guards.js";
import { publicFiles } from "./server/public-files.js";
import { remixHandler } from "./server/send-response.js";

// Bootstrap settings, read here because this plain-JavaScript file runs before the TypeScript build
// (and its app/utils/env.server.ts, where every other variable is read and checked) is loaded;
// the HTTP settings (TRUST_PROXY) come from the build once it is (`httpSettings`).
const isProduction = process.env.NODE_ENV === "production";
const port = Number(process.env.PORT ?? 3000);

// Several processes (WEB_CONCURRENCY, e.g. one per core) share the port, only on a PostgreSQL
// server: the embedded database is one connection in one process. The schema is migrated by the
// release step (`npm run db:migrate`) before any of them starts; each checks it. A worker that
// exits before it listens (the schema refused, the database unreachable) stops the whole process:
// forking it again would fail the same way.
const workers = Number(process.env.WEB_CONCURRENCY ?? 1);
const SET_UP_DATABASE = "--set-up-database-and-exit";
if (cluster.isPrimary && workers > 1 && isProduction && process.env.DATABASE_URL) {
  const fork = () =>
    new Promise((resolve) => {
      const worker = cluster.fork();
      const failed = (code) => {
        log.fatal({ pid: worker.process.pid, code }, "worker exited before it listened; stopping");
        process.exit(typeof code === "number" && code !== 0 ? code : 1);
      };
      worker.once("exit", failed);
      worker.once("listening", () => {
        worker.off("exit", failed);
        resolve();
      });
    });
  await fork();
  for (let i = 1; i < workers; i++) await fork();
  log.info({ workers }, "cluster started");
  let stopping = false;
  for (const signal of ["SIGTERM", "SIGINT"]) {
    process.on(signal, () => {
      stopping = true;
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill("SIGTERM");
    });
  }
  cluster.on("exit", (worker, code) => {
    if (!stopping) {
      log.error({ pid: worker.process.pid, code }, "worker died; starting another");
      cluster.fork();
    } else if (Object.keys(cluster.workers ?? {}).length === 0) {
      process.exit(0);
    }
  });
} else {
  await serve();
}

async function serve() {

  const vite = isProduction
    ? undefined
    : await import("vite").then((v) => v.createServer({ server: { middlewareMode: true } }));

  const loadBuild = () =>
    vite ? vite.ssrLoadModule("virtual:remix/server-build") : import("./build/server/index.js");

  if (!routeMatchingCached) log.warn("@remix-run/router is not the version server/route-matching.js knows: routes are matched uncached");
  if (!serverRouteTableKept) log.warn("@remix-run/react is not the version server/route-table.js knows: the route table is built for every page");
  const initialBuild = await loadBuild();
  // The child below: an argument, not a setting, since no operator ever sets it.
  if (process.argv.includes(SET_UP_DATABASE)) {
    await initialBuild.entry.module.setUpDatabase();
    process.exit(0);
  }
  // A new embedded database is created, migrated and seeded by a child process: the embedded
  // server's memory only grows, and what the set-up took (about 900 MB) would stay with this one.
  if (!vite && initialBuild.entry.module.embeddedDatabaseIsNew()) {
    log.info("setting up the new embedded database in a child process");
    const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), SET_UP_DATABASE], { stdio: "inherit" });
    if (child.status !== 0) {
      log.fatal({ code: child.status, signal: child.signal }, "setting up the embedded database failed; not serving");
      process.exit(1);
    }
  }
  // The database before the first request (entry.server exports `startup`): the embedded one is
  // migrated, a server's schema checked; a schema this build does not know is refused.
  // /metrics labels each request by the Remix route that answers it.
  initialBuild.entry.module.setRouteManifest?.(initialBuild.routes);
  try {
    await initialBuild.entry.module.startup();
  } catch (error) {
    log.fatal({ err: error }, "start-up failed; not serving");
    await vite?.close();
    process.exit(1);
  }

  const app = express();
  // Once shutting down, every answer closes its connection: a browser that keeps polling on a
  // keep-alive connection would otherwise hold server.close() open until the hard exit.
  let closing = false;
  app.use((req, res, next) => {
    if (closing) res.setHeader("Connection", "close");
    next();
  });
  app.disable("x-powered-by");
  const httpSettings = initialBuild.entry.module.httpSettings();
  protect(app, httpSettings);
  app.use(compression());

  app.use((req, res, next) => {
    const requestId = req.get("x-request-id")?.slice(0, 64) || randomUUID();
    res.locals.requestId = requestId;
    res.setHeader("x-request-id", requestId);
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      // Path only (query strings may carry an INN or a code), with INNs and codes in it redacted.
      log.info({ requestId, method: req.method, path: redactPath(req.path), status: res.statusCode, ms: Math.round(ms * 10) / 10 }, "request");
      initialBuild.entry.module.observeRequest?.(req.method, req.path, res.statusCode, ms);
    });
    next();
  });

  app.use((req, res, next) => {
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "same-origin");
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    if (isProduction) {
      res.setHeader(
        "Content-Security-Policy",
        "default-src 'self'; script-src 'self' 'nonce-" + (res.locals.nonce = randomUUID().replace(/-/g, "")) + "'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'",
      );
    } else {
      res.locals.nonce = randomUUID().replace(/-/g, "");
    }
    next();
  });

  app.use(guards(httpSettings));

  if (vite) {
    app.use(vite.middlewares);
  } else {
    app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
    app.use(publicFiles("build/client", { maxAge: "1h" }));
  }

  // The Cabinet API's endpoints straight from Node's request: their POSTs need no Fetch Request and
  // no route matching (decision 072). Remix answers every other method and path. Under Vite the
  // build is reloaded per request, so there Remix answers these too.
  if (!vite) for (const { path, handler } of initialBuild.entry.module.apiRoutes(initialBuild.routes)) app.post(path, handler);

  // Remix's Express handler, writing each answer at the client's pace (a large download, decision 066).
  app.all(
    "*",
    remixHandler({
      build: vite ? () => loadBuild() : initialBuild,
      getLoadContext: (req, res) => ({ requestId: res.locals.requestId, cspNonce: res.locals.nonce, clientIp: req.ip }),
    }),
  );

  const server = app.listen(port, () => log.info({ port, production: isProduction }, "listening"));

  // Graceful shutdown: stop accepting, finish in-flight requests, then close the database.
  for (const signal of ["SIGTERM", "SIGINT"]) {
    process.on(signal, () => {
      if (closing) return;
      closing = true;
      log.info({ signal }, "shutting down");
      server.close(async () => {
        await initialBuild.entry.module.shutdown?.();
        await vite?.close();
        process.exit(0);
      });
      // A connection busy now is idle once its answer is written: close those as they come.
      server.closeIdleConnections?.();
      setInterval(() => server.closeIdleConnections?.(), 250).unref();
      setTimeout(() => process.exit(1), 15_000).unref();
    });
  }
}

import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { createRemixRequest } from "@remix-run/express/dist/server.js";
import express from "express";
import type { ServerBuild } from "@remix-run/node";
import { guards, protect } from "../../server/guards.js";
import { sendResponse } from "../../server/send-response.js";
import { apiRoutes } from "../../app/utils/api-node.server";
import { call, type RouteModule } from "./http";

/**
 * The HTTP server's guards (server/guards.js, as server.js puts them) in front of route modules
 * called in-process, on a real socket, with the Request @remix-run/express makes of it (its body
 * stream and its abort signal): what a client sends goes through Express's parsing of
 * addresses, headers and bodies before it reaches the route, as in production. The context is the
 * one server.js gives Remix (the client address as Express decided it), and the answer is written
 * by server.js's own writer.
 *
 * With `direct`, the API endpoints among the routes are served as server.js serves them, from
 * Node's request (`apiRoutes`, decision 072), and the rest as before.
 */
export async function startGuardedServer(
  settings: Parameters<typeof protect>[1] & Parameters<typeof guards>[0],
  routes: Record<string, RouteModule>,
  opts: { direct?: boolean } = {},
): Promise<{ base: string; close(): Promise<void> }> {
  const app = express();
  protect(app, settings);
  app.use(guards(settings));
  if (opts.direct) {
    app.use((req, res, next) => {
      res.locals.requestId = "test";
      next();
    });
    const table = Object.fromEntries(
      Object.entries(routes).map(([path, module]) => [path, { id: `routes${path}`, path: path.slice(1), parentId: "root", module }]),
    ) as unknown as ServerBuild["routes"];
    for (const { path, handler } of apiRoutes(table)) app.post(path, handler);
  }
  app.all("*", async (req, res, next) => {
    try {
      const route = routes[req.path];
      if (!route) return void res.status(404).type("text/html").send("<h1>Not found</h1>");
      const fn = req.method === "GET" || req.method === "HEAD" ? route.loader : route.action;
      if (!fn) return void res.status(405).end();
      await sendResponse(res, await call(fn, createRemixRequest(req, res), {}, req.ip));
    } catch (error) {
      next(error);
    }
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

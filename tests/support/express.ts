import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { createRemixRequest } from "@remix-run/express/dist/server.js";
import express from "express";
import { guards, protect } from "../../server/guards.js";
import { call, type RouteModule } from "./http";

/**
 * The HTTP server's guards (server/guards.js, as server.js puts them) in front of route modules
 * called in-process, on a real socket, with the Request @remix-run/express makes of it (its body
 * stream and its abort signal): what a client sends goes through Express's parsing of
 * addresses, headers and bodies before it reaches the route, as in production. The context is the
 * one server.js gives Remix (the client address as Express decided it).
 */
export async function startGuardedServer(
  settings: Parameters<typeof protect>[1] & Parameters<typeof guards>[0],
  routes: Record<string, RouteModule>,
): Promise<{ base: string; close(): Promise<void> }> {
  const app = express();
  protect(app, settings);
  app.use(guards(settings));
  app.all("*", async (req, res, next) => {
    try {
      const route = routes[req.path];
      if (!route) return void res.status(404).type("text/html").send("<h1>Not found</h1>");
      const fn = req.method === "GET" || req.method === "HEAD" ? route.loader : route.action;
      if (!fn) return void res.status(405).end();
      const answer = await call(fn, createRemixRequest(req, res), {}, req.ip);
      res.status(answer.status);
      answer.headers.forEach((value, name) => res.setHeader(name, value));
      res.send(Buffer.from(await answer.arrayBuffer()));
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

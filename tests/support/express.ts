import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { Readable } from "node:stream";
import express, { type Request as ExpressRequest } from "express";
import { guards, protect } from "../../server/guards.js";
import { call, type RouteModule } from "./http";

/** The request as @remix-run/express hands it to Remix: its URL, headers and body stream. */
function webRequest(req: ExpressRequest): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, v);
  }
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  return new Request(`${req.protocol}://${req.get("host")}${req.originalUrl}`, {
    method: req.method,
    headers,
    ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream, duplex: "half" } : {}),
  } as RequestInit);
}

/**
 * The HTTP server's guards (server/guards.js, as server.js puts them) in front of route modules
 * called in-process, on a real socket: what a client sends goes through Express's parsing of
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
      const answer = await call(fn, webRequest(req), {}, req.ip);
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

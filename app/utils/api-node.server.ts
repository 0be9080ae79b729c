import { text } from "node:stream/consumers";
import type { ServerBuild } from "@remix-run/node";
import type { Request, RequestHandler } from "express";
import type { ApiAction, ApiAnswerer, ApiCall } from "./api.server";

/**
 * The Cabinet API's endpoints, served by server.js straight from Node's request (decision 072).
 * They are found in the route table itself: a route whose action was made by `apiEndpoint` carries
 * its answerer, so the route file stays the one place an endpoint is declared, and Remix answers
 * whatever this path does not take (another method, an unknown path). Only a static path directly
 * under the root can be taken: it is matched by Express as Remix would match it.
 */
export function apiRoutes(routes: ServerBuild["routes"]): { path: string; handler: RequestHandler }[] {
  const served: { path: string; handler: RequestHandler }[] = [];
  for (const route of Object.values(routes)) {
    const answer = (route.module.action as Partial<ApiAction> | undefined)?.answer;
    if (!answer) continue;
    if (route.parentId !== "root" || !route.path || /[:*?]/.test(route.path)) {
      throw new Error(`API route ${route.id}: only a static path under the root is served directly`);
    }
    served.push({ path: `/${route.path}`, handler: serveApiFromNode(answer) });
  }
  return served;
}

/**
 * An endpoint answered from Node's request and written to its response, with no Fetch Request,
 * Response or stream in between and no route matching: the same answerer the Remix route runs,
 * given the same call. Headers are appended, as Remix's writer does, so the ones set before it
 * (the request id, the security headers, compression's Vary) stay.
 */
export function serveApiFromNode(answer: ApiAnswerer): RequestHandler {
  return async (req, res, next) => {
    try {
      const call: ApiCall = {
        method: req.method,
        header: (name) => req.get(name) ?? null,
        text: () => text(req),
        origin: () => originOf(req),
        requestId: res.locals.requestId,
        clientIp: req.ip ?? "unknown",
      };
      const { status, headers, body } = await answer(call);
      res.status(status);
      for (const [name, value] of Object.entries(headers)) res.append(name, value);
      res.end(body);
    } catch (error) {
      next(error);
    }
  };
}

/** The request's origin as @remix-run/express puts it in a Request's URL: the host Express trusts, the port it was asked on. */
function originOf(req: Request): string {
  const port = [req.get("X-Forwarded-Host"), req.get("host")].map((host) => Number.parseInt(host?.split(":")[1] ?? "", 10)).find(Number.isSafeInteger);
  return `${req.protocol}://${req.hostname}${port ? `:${port}` : ""}`;
}

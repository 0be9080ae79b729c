import { get, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import compression from "compression";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendResponse } from "../../../server/send-response.js";
import { wholeBodyOf, wholeBodyResponse } from "../../../server/whole-body.js";

// Decision 079: a page rendered whole reaches the socket as its bytes, with the Response's status
// and headers, through compression as server.js has it; any other Response is still read as a stream.
const page = Buffer.from(`<!DOCTYPE html><p>${"Очередь приёма · ".repeat(2_000)}</p>`);
let server: Server;
let base = "";

beforeAll(async () => {
  const app = express();
  app.use(compression());
  // Before GET, which Express also answers HEAD with. What Remix makes of a page for HEAD: the same headers, a Response of its own, no body.
  app.head("/whole", (_req, res, next) => {
    const response = wholeBodyResponse(page, { headers: { "Content-Type": "text/html; charset=utf-8", "Content-Length": String(page.length) } });
    sendResponse(res, new Response(null, { headers: response.headers, status: response.status })).catch(next);
  });
  app.get("/whole", (_req, res, next) => {
    const response = wholeBodyResponse(page, { status: 404, headers: { "Content-Type": "text/html; charset=utf-8", "Content-Length": String(page.length), "X-Page": "whole" } });
    sendResponse(res, response).catch(next);
  });
  app.get("/stream", (_req, res, next) => {
    sendResponse(res, new Response(page, { headers: { "Content-Type": "text/html; charset=utf-8" } })).catch(next);
  });
  server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("a page's whole body", () => {
  it("is kept beside its Response, and only there", () => {
    expect(wholeBodyOf(wholeBodyResponse(page, {}))).toBe(page);
    expect(wholeBodyOf(new Response(page))).toBeNull();
    expect(wholeBodyResponse(page, {}).body).toBeNull();
  });

  it("goes out as its bytes, with the Response's status and headers", async () => {
    const res = await fetch(`${base}/whole`, { headers: { "Accept-Encoding": "identity" } });
    expect(res.status).toBe(404);
    expect(res.headers.get("x-page")).toBe("whole");
    expect(res.headers.get("content-length")).toBe(String(page.length));
    expect(Buffer.from(await res.arrayBuffer()).equals(page)).toBe(true);
  });

  it("goes through compression", async () => {
    const res = await fetch(`${base}/whole`, { headers: { "Accept-Encoding": "gzip" } });
    expect(res.headers.get("content-encoding")).toBe("gzip");
    // fetch would unzip it itself: read the raw bytes from a socket instead.
    const raw = await new Promise<Buffer>((resolve, reject) => {
      get(`${base}/whole`, { headers: { "Accept-Encoding": "gzip" } }, (r) => {
        const parts: Buffer[] = [];
        r.on("data", (c: Buffer) => parts.push(c));
        r.on("end", () => resolve(Buffer.concat(parts)));
      }).on("error", reject);
    });
    expect(raw.length).toBeLessThan(page.length / 10);
    expect(gunzipSync(raw).equals(page)).toBe(true);
  });

  it("is not sent for HEAD, and a streamed body is still read to its end", async () => {
    const head = await fetch(`${base}/whole`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
    const streamed = await fetch(`${base}/stream`, { headers: { "Accept-Encoding": "identity" } });
    expect(Buffer.from(await streamed.arrayBuffer()).equals(page)).toBe(true);
  });
});

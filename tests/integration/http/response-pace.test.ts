import { randomBytes } from "node:crypto";
import { request as httpGet, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import compression from "compression";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendResponse } from "../../../server/send-response.js";

// Decision 066: server.js writes a response body at the client's pace. A download of 64 MiB whose
// client stops reading must not be read (from the database, in a real download) into memory, and
// one whose client goes away must stop being read at all. Through compression, as server.js has it.
const CHUNK = randomBytes(64 * 1024); // random: gzip cannot shrink it, so the sockets fill as they would
const CHUNKS = 1024;
const pulls = { count: 0, cancelled: false };
let server: Server;
let base = "";

function download(type: string): Response {
  pulls.count = 0;
  pulls.cancelled = false;
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (pulls.count === CHUNKS) return controller.close();
        pulls.count++;
        controller.enqueue(new Uint8Array(CHUNK));
      },
      cancel() {
        pulls.cancelled = true;
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark: 64 * 1024 }),
  );
  return new Response(body, { headers: { "Content-Type": type, "Cache-Control": "no-store" } });
}

beforeAll(async () => {
  const app = express();
  app.use(compression());
  app.get("/:kind", async (req, res, next) => {
    try {
      await sendResponse(res, download(req.params.kind === "csv" ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
    } catch (error) {
      next(error);
    }
  });
  server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function open(path: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = httpGet(`${base}${path}`, { headers: { "Accept-Encoding": "gzip" } }, resolve);
    req.on("error", reject);
    req.end();
  });
}

describe.each(["csv", "xlsx"])("a %s body sent to a client", (kind) => {
  it("is read no further than the sockets hold while the client does not read, and to its end when it does", async () => {
    const res = await open(`/${kind}`);
    expect(res.statusCode).toBe(200);
    res.pause();
    await pause(500);
    // Loopback sockets hold a few MiB; the body is 64.
    expect(pulls.count).toBeLessThan(CHUNKS / 4);
    let bytes = 0;
    res.on("data", (chunk: Buffer) => (bytes += chunk.length));
    res.resume();
    await new Promise((resolve) => res.on("end", resolve));
    expect(pulls.count).toBe(CHUNKS);
    expect(bytes).toBeGreaterThan(CHUNKS * CHUNK.length * (kind === "csv" ? 0.9 : 1) - 1);
  });

  it("is cancelled when the client goes away", async () => {
    const res = await open(`/${kind}`);
    res.pause();
    await pause(200);
    res.destroy();
    await pause(300);
    expect(pulls.cancelled).toBe(true);
    const at = pulls.count;
    await pause(200);
    expect(pulls.count).toBe(at);
    expect(at).toBeLessThan(CHUNKS);
  });
});

// How server.js hands Remix's answers to Express. Plain JavaScript, like server.js and guards.js.
import { createRemixRequest } from "@remix-run/express/dist/server.js";
import { createRequestHandler } from "@remix-run/node";
import { wholeBodyOf } from "./whole-body.js";

/**
 * Writes a web Response to Express's `res` as @remix-run/express does (status, headers, a flush
 * after each chunk for compression), but at the client's pace (decision 066): the next chunk is
 * read from the body only once the socket, or the compressor in front of it, has taken the last,
 * and a client that goes away cancels the body. Remix's own writer reads the whole body at once,
 * so a large download to a slow client would sit in memory, and one abandoned would be read to
 * its end anyway. A page rendered whole has no stream to read: its bytes go in one write (decision 079).
 * @param {import("express").Response} res
 * @param {Response} response
 */
export async function sendResponse(res, response) {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [key, value] of response.headers.entries()) res.append(key, value);
  if (/text\/event-stream/i.test(response.headers.get("Content-Type") ?? "")) res.flushHeaders();
  // A page rendered whole goes out as the bytes it is, in one write.
  const whole = wholeBodyOf(response);
  if (whole) {
    res.end(whole);
    return;
  }
  if (!response.body) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  let gone = false;
  /** @type {(() => void) | null} */
  let wake = null;
  const closed = new Promise((resolve) => {
    res.once("close", () => {
      gone = !res.writableFinished;
      wake?.();
      resolve(undefined);
    });
  });
  // One listener for the whole body: compression moves "drain" listeners to its compressor and
  // cannot take them off again, so a listener per wait would pile up there.
  res.on("drain", () => wake?.());
  try {
    for (;;) {
      const next = await Promise.race([reader.read(), closed.then(() => null)]);
      if (gone || next === null) {
        await reader.cancel();
        return;
      }
      if (next.done) {
        res.end();
        return;
      }
      const room = res.write(next.value);
      /** @type {{ flush?: () => void }} */ (/** @type {unknown} */ (res)).flush?.();
      if (!room && !gone) {
        await new Promise((resolve) => {
          wake = () => resolve(undefined);
        });
        wake = null;
      }
    }
  } catch (error) {
    res.destroy(/** @type {Error} */ (error));
    throw error;
  }
}

/**
 * @remix-run/express's createRequestHandler with sendResponse as its writer.
 * @param {{ build: Parameters<typeof createRequestHandler>[0]; getLoadContext?: (req: import("express").Request, res: import("express").Response) => unknown; mode?: string }} options
 * @returns {import("express").RequestHandler}
 */
export function remixHandler({ build, getLoadContext, mode = process.env.NODE_ENV }) {
  const handleRequest = createRequestHandler(build, mode);
  return async (req, res, next) => {
    try {
      const request = createRemixRequest(req, res);
      const loadContext = await getLoadContext?.(req, res);
      const response = await handleRequest(request, /** @type {any} */ (loadContext));
      await sendResponse(res, response);
    } catch (error) {
      next(error);
    }
  };
}

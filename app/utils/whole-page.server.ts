import type { Readable } from "node:stream";
import type { ReactNode } from "react";
import { renderToNodeStream } from "react-dom/server";

/** What React 18 writes where a Suspense boundary failed and was left for the browser to render. */
const CLIENT_RENDERED_BOUNDARY = "<!--$!";

export type WholePage = { html: string; /** A part failed on the server and was left to the browser. */ partFailed: boolean };

/**
 * Renders a page whole, as one string (decisions 043 and 077). React 18's node stream starts
 * writing only once every Suspense boundary has resolved, as `onAllReady` did, and it writes
 * strings. The streaming renderer writes bytes instead: each of a page's thousands of small pieces
 * is encoded into its 2 KiB buffer through a view of its own, which took about a tenth of the queue
 * page's server CPU. Strings also never meet that buffer's cut letters (the NULs React 18 wrote).
 * The node stream is deprecated in React 18 (React's development build says so on every page) and
 * gone in 19; Remix 2 runs on 18.
 */
export function renderWholePage(element: ReactNode): { page: Promise<WholePage>; abort: () => void } {
  // A node:stream Readable (React's ReactMarkupReadableStream); its types say only NodeJS.ReadableStream.
  const stream = renderToNodeStream(element) as Readable;
  // Pieces written from now on stay strings; any written before are decoded once.
  stream.setEncoding("utf8");
  const page = new Promise<WholePage>((resolve, reject) => {
    // The node stream leaves the doctype out; the streaming renderer writes it before <html>.
    let html = "<!DOCTYPE html>";
    stream.on("readable", () => {
      for (let piece: string | null; (piece = stream.read() as string | null) !== null; ) html += piece;
    });
    stream.on("end", () => resolve({ html, partFailed: html.includes(CLIENT_RENDERED_BOUNDARY) }));
    stream.on("error", reject);
  });
  return { page, abort: () => stream.destroy(new Error("the page did not render in time")) };
}

import type { EntryContext } from "@remix-run/node";
import type { ReactNode } from "react";
import { renderToString } from "react-dom/server";

/** What React 18 writes where a Suspense boundary failed and was left for the browser to render. */
const CLIENT_RENDERED_BOUNDARY = "<!--$!";

export type WholePage = { html: string; /** A part failed on the server and was left to the browser. */ partFailed: boolean };

type StreamCache = NonNullable<NonNullable<EntryContext["renderMeta"]>["streamCache"]>;

/**
 * Reads Remix's transfer of the loaders' data (single fetch's `serverHandoffStream`) to its end and
 * hands it to Remix's StreamTransfer through the context's `streamCache`, so that nothing in the
 * page waits while it renders (decision 078). StreamTransfer suspends on each piece it reads
 * itself; a piece found in the cache it writes at once, as the same script tags. Resolves to a
 * check, true once the render has taken every piece: if a later Remix stops looking in the cache,
 * the page would go out without its data, and the check says so. Null when there is no transfer.
 * Data still unread after `withinMs` is given up, and the page with it: a timer, not an
 * AbortSignal, whose making costs Node 20 more than the rest of this.
 */
export async function readDataTransfer(context: EntryContext, withinMs: number): Promise<(() => boolean) | null> {
  const stream = context.serverHandoffStream;
  if (!stream) return null;
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  const cache: StreamCache = {};
  const taken = new Set<number>();
  let late = false;
  const timer = setTimeout(() => {
    late = true;
    reader.cancel().catch(() => {});
  }, withinMs);
  let count = 0;
  try {
    for (let done = false; !done; count++) {
      const index = count;
      const entry = Promise.resolve() as StreamCache[number];
      try {
        const read = await reader.read();
        if (late) break;
        done = read.done;
        // As StreamTransfer decodes what it reads itself.
        const result = { done: read.done, value: decoder.decode(read.value, { stream: true }) };
        Object.defineProperty(entry, "result", {
          get() {
            taken.add(index);
            return result;
          },
        });
      } catch (error) {
        if (late) break;
        // As StreamTransfer keeps a failed read: the part throws it, and the page says a part failed.
        entry.error = error;
        taken.add(index);
        done = true;
      }
      cache[index] = entry;
    }
  } finally {
    clearTimeout(timer);
    reader.releaseLock();
  }
  if (late) throw new Error("the page did not render in time");
  const meta = (context.renderMeta ??= {});
  meta.streamCache = cache;
  return () => !meta.didRenderScripts || taken.size === count;
}

/**
 * Renders a page whole, as one string (decisions 043, 077 and 078), once its data is read
 * (`readDataTransfer`): with nothing left to wait for, React's string renderer writes it in one
 * pass, without the node stream's thousands of pushes or the turns it took between the data's
 * pieces. A part that still suspends is not waited for: React leaves it to the browser, and the
 * page says a part failed.
 */
export function renderWholePage(element: ReactNode): WholePage {
  // React's renderers leave the doctype out.
  const html = `<!DOCTYPE html>${renderToString(element)}`;
  return { html, partFailed: html.includes(CLIENT_RENDERED_BOUNDARY) };
}

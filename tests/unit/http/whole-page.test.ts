import { createRequire } from "node:module";
import type { EntryContext } from "@remix-run/node";
import { createElement as h, Suspense, type FunctionComponent } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { readDataTransfer, renderWholePage } from "../../../app/utils/whole-page.server";

// Remix's own StreamTransfer, as RemixServer renders it after the app (not exported by the package).
const require = createRequire(import.meta.url);
const { StreamTransfer } = require("@remix-run/react/dist/single-fetch.js") as { StreamTransfer: FunctionComponent<Record<string, unknown>> };

/** Suspends until `box.ready` resolves. */
function Later({ box, text }: { box: { ready: Promise<void>; done?: boolean }; text: string }) {
  if (!box.done) throw box.ready.then(() => void (box.done = true));
  return h("p", null, text);
}

function Broken(): never {
  throw new Error("this part fails on the server");
}

const cyrillicPage = (pad: number) =>
  h("html", { lang: "ky" }, h("body", null, "x".repeat(pad), ...Array.from({ length: 8 }, (_, i) => h("p", { key: i, title: "күбөлөндүргөн" }, "Заявление — арыз, ".repeat(16)))));

/** A data transfer as single fetch sends it: bytes in pieces, here with a letter cut between two of them. */
function transfer(text: string, cutAt: number, { fail = false, endless = false } = {}) {
  const bytes = new TextEncoder().encode(text);
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes.slice(0, cutAt));
      controller.enqueue(bytes.slice(cutAt));
      if (fail) controller.error(new Error("the data could not be sent"));
      else if (!endless) controller.close();
    },
  });
}

function contextWith(stream: ReadableStream<Uint8Array> | undefined, scripts = true) {
  return { serverHandoffStream: stream, renderMeta: { didRenderScripts: scripts } } as unknown as EntryContext;
}

/** The page's end as RemixServer writes it: the transfer in a Suspense boundary of its own. */
const transferPart = (context: EntryContext) =>
  h("html", null, h("body", null, h("p", null, "страница"), h(Suspense, null, h(StreamTransfer, { context, identifier: 0, reader: context.serverHandoffStream!.getReader(), textDecoder: new TextDecoder(), nonce: "n0nce" }))));

describe("a page rendered whole (decisions 043, 077, 078)", () => {
  it("is the HTML React renders, after the doctype, with every Cyrillic letter whole", () => {
    for (let pad = 0; pad < 4; pad++) {
      const { html, partFailed } = renderWholePage(cyrillicPage(pad));
      expect(html).toBe(`<!DOCTYPE html>${renderToString(cyrillicPage(pad))}`);
      expect(html).not.toMatch(/[\0\uFFFD]/);
      expect(html.match(/Заявление — арыз, /g)).toHaveLength(8 * 16);
      expect(partFailed).toBe(false);
    }
  });

  it("does not wait for a part that suspends: it is left to the browser, and the page says so", () => {
    const box = { ready: new Promise<void>(() => {}) };
    const { html, partFailed } = renderWholePage(h("html", null, h("body", null, h(Suspense, { fallback: h("i", null, "loading") }, h(Later, { box, text: "never" })))));
    expect(html).not.toContain("never");
    expect(partFailed).toBe(true);
  });

  it("says when a part failed and was left to the browser", () => {
    const { html, partFailed } = renderWholePage(h("html", null, h("body", null, h("p", null, "before"), h(Suspense, { fallback: null }, h(Broken)))));
    expect(html).toContain("<p>before</p>");
    expect(partFailed).toBe(true);
  });

  it("fails when the page itself cannot render", () => {
    expect(() => renderWholePage(h("html", null, h("body", null, h(Broken))))).toThrow("this part fails on the server");
  });
});

describe("the loaders' data read before the page renders (decision 078)", () => {
  const data = '[{"_1":2},"loaderData",{"fullName":"Мамытова Айгерим","hint":"</script><b>"}]\n';
  const cut = new TextEncoder().encode('[{"_1":2},"loaderData",{"fullName":"М').length - 1; // inside «М»

  it("is written by Remix's StreamTransfer in one pass, in its own script tags, the letters whole", async () => {
    const context = contextWith(transfer(data, cut));
    const taken = await readDataTransfer(context, 1_000);
    const { html, partFailed } = renderWholePage(transferPart(context));
    expect(partFailed).toBe(false);
    expect(html).toContain('<script nonce="n0nce">window.__remixContext.streamController.enqueue(');
    expect(html).toContain("window.__remixContext.streamController.close();");
    expect(html).not.toMatch(/[\0\uFFFD]/);
    // What the browser's controller is given, taken back out of the scripts, is the data as sent.
    const sent = [...html.matchAll(/streamController\.enqueue\(("(?:[^"\\]|\\.)*")\);/g)].map((m) => JSON.parse(m[1].replace(/\\u003c/g, "<").replace(/\\u003e/g, ">")) as string);
    expect(sent.join("")).toBe(data);
    expect(html).not.toContain("</script><b>");
    expect(taken?.()).toBe(true);
  });

  it("tells when the page did not take the data read for it", async () => {
    const context = contextWith(transfer(data, cut));
    const taken = await readDataTransfer(context, 1_000);
    renderWholePage(h("html", null, h("body", null, h("p", null, "no transfer written"))));
    expect(taken?.()).toBe(false);
    // A page that wrote no scripts (an error page without them) needs no data.
    const plain = contextWith(transfer(data, cut), false);
    const none = await readDataTransfer(plain, 1_000);
    expect(none?.()).toBe(true);
    expect(await readDataTransfer(contextWith(undefined), 1_000)).toBeNull();
  });

  it("leaves the stream to RemixServer, which takes a reader of its own", async () => {
    const context = contextWith(transfer(data, cut));
    await readDataTransfer(context, 1_000);
    expect(() => context.serverHandoffStream!.getReader().releaseLock()).not.toThrow();
  });

  it("a transfer that fails makes its part fail, and the page says so", async () => {
    const context = contextWith(transfer(data, cut, { fail: true }));
    const taken = await readDataTransfer(context, 1_000);
    const { partFailed } = renderWholePage(transferPart(context));
    expect(partFailed).toBe(true);
    expect(taken?.()).toBe(true);
  });

  it("gives up, not hangs, when the deadline passes before the data has ended", async () => {
    const stream = transfer(data, cut, { endless: true });
    await expect(readDataTransfer(contextWith(stream), 20)).rejects.toThrow("did not render in time");
    // The stream is given up, and left unlocked.
    const { done } = await stream.getReader().read();
    expect(done).toBe(true);
  });
});

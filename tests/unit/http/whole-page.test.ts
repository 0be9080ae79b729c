import { createElement as h, Suspense } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { renderWholePage } from "../../../app/utils/whole-page.server";

/** Suspends until `box.ready` resolves, as Remix's transfer of the loaders' data does. */
function Later({ box, text }: { box: { ready: Promise<void>; done?: boolean }; text: string }) {
  if (!box.done) throw box.ready.then(() => void (box.done = true));
  return h("p", null, text);
}

function Broken(): never {
  throw new Error("this part fails on the server");
}

const cyrillicPage = (pad: number) =>
  h("html", { lang: "ky" }, h("body", null, "x".repeat(pad), ...Array.from({ length: 8 }, (_, i) => h("p", { key: i, title: "күбөлөндүргөн" }, "Заявление — арыз, ".repeat(16)))));

describe("a page rendered whole (decisions 043, 077)", () => {
  it("is the HTML React renders, after the doctype, with every Cyrillic letter whole", async () => {
    // 0–3 ASCII letters first: React 18's byte stream cut a two-byte letter at its 2 KiB buffer's end in some of them.
    for (let pad = 0; pad < 4; pad++) {
      const { html, partFailed } = await renderWholePage(cyrillicPage(pad)).page;
      expect(html).toBe(`<!DOCTYPE html>${renderToString(cyrillicPage(pad))}`);
      expect(html).not.toMatch(/[\0\uFFFD]/);
      expect(html.match(/Заявление — арыз, /g)).toHaveLength(8 * 16);
      expect(partFailed).toBe(false);
    }
  });

  it("waits for a suspended part and writes it in place, not a fallback", async () => {
    let resolve!: () => void;
    const box = { ready: new Promise<void>((r) => (resolve = r)) };
    const rendering = renderWholePage(h("html", null, h("body", null, h(Suspense, { fallback: h("i", null, "loading") }, h(Later, { box, text: "данные" })))));
    setTimeout(resolve, 20);
    const { html, partFailed } = await rendering.page;
    expect(html).toContain("<p>данные</p>");
    expect(html).not.toContain("loading");
    expect(partFailed).toBe(false);
  });

  it("says when a part failed and was left to the browser", async () => {
    const { html, partFailed } = await renderWholePage(h("html", null, h("body", null, h("p", null, "before"), h(Suspense, { fallback: null }, h(Broken))))).page;
    expect(html).toContain("<p>before</p>");
    expect(partFailed).toBe(true);
  });

  it("fails, not hangs, when aborted before the page is ready", async () => {
    const box = { ready: new Promise<void>(() => {}) };
    const rendering = renderWholePage(h("html", null, h("body", null, h(Suspense, { fallback: null }, h(Later, { box, text: "never" })))));
    rendering.abort();
    await expect(rendering.page).rejects.toThrow("did not render in time");
  });

  it("fails when the page itself cannot render", async () => {
    await expect(renderWholePage(h("html", null, h("body", null, h(Broken)))).page).rejects.toThrow("this part fails on the server");
  });
});

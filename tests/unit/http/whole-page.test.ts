import { createElement as h } from "react";
import { renderToPipeableStream } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { wholePage } from "../../../app/utils/whole-page.server";

/** Renders as entry.server does: React's stream into one collected body. */
function render(element: ReturnType<typeof h>): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const { pipe } = renderToPipeableStream(element, { onAllReady: () => pipe(wholePage(resolve)), onShellError: reject });
  });
}

describe("a page collected whole (decision 043)", () => {
  it("carries no NUL where a two-byte letter did not fit at the end of React's 2 KiB buffer", async () => {
    // Cyrillic paragraphs after 0–3 ASCII letters: the buffer ends in the middle of a letter in some of them.
    for (let pad = 0; pad < 4; pad++) {
      const paragraphs = Array.from({ length: 8 }, (_, i) => h("p", { key: i, title: "күбөлөндүргөн" }, "Заявление — арыз, ".repeat(16)));
      const body = await render(h("div", null, "x".repeat(pad), ...paragraphs));
      expect(body.includes(0), `NUL with ${pad} letters before`).toBe(false);
      const text = body.toString("utf8");
      expect(text).not.toContain("\uFFFD");
      expect(text.match(/Заявление — арыз, /g)).toHaveLength(8 * 16);
    }
  });
});

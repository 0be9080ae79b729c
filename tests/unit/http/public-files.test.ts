import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publicFiles } from "../../../server/public-files.js";

describe("the build's own files, served by name (server/public-files.js, decision 077)", () => {
  let dir: string;
  let base: string;
  let close: () => void;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "public-"));
    writeFileSync(join(dir, "favicon.svg"), "<svg/>");
    writeFileSync(join(dir, "a b.txt"), "spaced");
    mkdirSync(join(dir, "fonts"));
    writeFileSync(join(dir, "fonts", "x.woff2"), "font");
    const app = express();
    app.use(publicFiles(dir, { maxAge: "1h" }));
    app.use((req, res) => void res.status(404).type("text/plain").send(`to the app: ${req.path}`));
    const server = app.listen(0, "127.0.0.1");
    await new Promise((r) => server.once("listening", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  afterAll(() => {
    close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("serves the files and folders found at start, with their caching", async () => {
    const icon = await fetch(`${base}/favicon.svg`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get("cache-control")).toBe("public, max-age=3600");
    expect(await icon.text()).toBe("<svg/>");
    expect(await (await fetch(`${base}/a%20b.txt`)).text()).toBe("spaced");
    expect(await (await fetch(`${base}/fonts/x.woff2`)).text()).toBe("font");
  });

  it("hands every other path to the app without looking on disk: a file written since start is not served", async () => {
    writeFileSync(join(dir, "desk"), "not a page");
    const page = await fetch(`${base}/desk`);
    expect(page.status).toBe(404);
    expect(await page.text()).toBe("to the app: /desk");
    expect(await (await fetch(`${base}/%E0%A4%A`)).text()).toBe("to the app: /%E0%A4%A");
    expect(await (await fetch(`${base}/fonts/../desk`)).text()).not.toBe("not a page");
  });
});

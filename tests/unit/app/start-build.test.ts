import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildState } from "../../../scripts/build-state.js";

/** `npm start` serves a build no older than its sources (scripts/start.js). */
let root: string;
afterEach(() => rmSync(root, { recursive: true, force: true }));

function file(rel: string, secondsAgo: number) {
  const full = path.join(root, rel);
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, "x");
  const t = new Date(Date.now() - secondsAgo * 1000);
  utimesSync(full, t, t);
}

describe("the production build's freshness", () => {
  it("builds when there is no build", () => {
    root = mkdtempSync(path.join(tmpdir(), "start-"));
    file("app/root.tsx", 100);
    expect(buildState(root)).toEqual({ stale: true, reason: "no production build yet" });
  });

  it("serves a build newer than every source", () => {
    root = mkdtempSync(path.join(tmpdir(), "start-"));
    file("app/routes/desk._index.tsx", 100);
    file("workflows/application/service.ts", 100);
    file("package-lock.json", 100);
    file("build/server/index.js", 10);
    expect(buildState(root)).toEqual({ stale: false });
  });

  it.each(["app/routes/desk._index.tsx", "workflows/application/service.ts", "templates/decision.tsx", "db/schema/staff.ts", "package-lock.json", "public/favicon.ico"])(
    "rebuilds after a pull changed %s",
    (changed) => {
      root = mkdtempSync(path.join(tmpdir(), "start-"));
      file("app/root.tsx", 100);
      file("build/server/index.js", 50);
      file(changed, 1);
      expect(buildState(root)).toEqual({ stale: true, reason: `${changed} changed after the build` });
    },
  );
});

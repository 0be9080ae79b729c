import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeRedirect } from "../../../app/utils/auth.server";

const SITE = "https://site.example";

/** Where a browser goes with this Location header, read as the URL parser reads it. */
function landsOn(location: string): string {
  return new URL(location, `${SITE}/login?redirectTo=x`).origin;
}

describe("where a form may send the browser back to", () => {
  it("a path of this site, as given", () => {
    expect(safeRedirect("/desk/applications/1?page=2#top", "/")).toBe("/desk/applications/1?page=2#top");
  });

  it("a path with letters beyond Latin-1 is percent-encoded, so it fits a Location header", () => {
    expect(safeRedirect("/Ā", "/")).toBe("/%C4%80");
    expect(safeRedirect("/desk/search?q=Асанов", "/")).toBe("/desk/search?q=%D0%90%D1%81%D0%B0%D0%BD%D0%BE%D0%B2");
  });

  it("anything that leaves the site, or is not a path, gives the fallback", () => {
    for (const away of ["https://evil.example/", "//evil.example", "/\\evil.example", "/\t/evil.example", "/\n/evil.example", "desk", "", null, undefined]) {
      expect(safeRedirect(away, "/desk")).toBe("/desk");
    }
  });

  it("dot segments that collapse into a host give the fallback", () => {
    for (const away of ["/.//evil.example/phish", "/..//evil.example", "/a/..//evil.example", "/%2e//evil.example", "/%2E%2E//evil.example", "/a/%2e%2e/\\evil.example", "/./\\evil.example"]) {
      expect(safeRedirect(away, "/desk"), away).toBe("/desk");
    }
  });

  it("every answer, for any path made of dots, slashes, backslashes, encodings and blanks, stays on this site", () => {
    const piece = fc.constantFrom(
      "/", "//", "\\", "/\\", ".", "..", "%2e", "%2E", "%2e%2e", ".%2e", "%2f", "%2F", "%5c", "%5C",
      "\t", "\n", "\r", " ", "%09", "%0a", "%00", "@", ":", "?", "#", ";", "evil.example", "a", "desk",
      "https:", "http:", "javascript:", "%40", "\u3002", "／", "＼",
    );
    const candidate = fc.tuple(fc.constantFrom("/", "", "\\", "//", "/."), fc.array(piece, { maxLength: 12 })).map(([head, rest]) => head + rest.join(""));
    fc.assert(
      fc.property(candidate, (to) => {
        const location = safeRedirect(to, "/desk");
        expect(landsOn(location)).toBe(SITE);
        // What a Location header may carry: no blanks or control characters the browser strips.
        expect(location).toMatch(/^\/(?![/\\])[\x21-\x7e]*$/);
      }),
      { numRuns: 20_000 },
    );
  });
});

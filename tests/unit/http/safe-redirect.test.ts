import { describe, expect, it } from "vitest";
import { safeRedirect } from "../../../app/utils/auth.server";

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
});

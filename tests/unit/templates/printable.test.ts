import { describe, expect, it } from "vitest";
import { printable } from "../../../templates";
import { fontCoverage } from "../../../templates/fonts";

describe("text the font can print", () => {
  it("keeps Russian, Kyrgyz, Latin and typographic quotes", () => {
    expect(printable("Өмүрбек «Ңаар» “quoted” — №5 'x'")).toBe("Өмүрбек «Ңаар» “quoted” — №5 'x'");
  });
  it("drops emoji, including joined and flagged sequences", () => {
    expect(printable("Айгүл 👩‍💻 🇰🇬 ✨ok")).toBe("Айгүл ok");
  });
  it("marks characters outside the font instead of dropping them silently", () => {
    expect(printable("李 Ли")).toBe("? Ли");
  });
  it("turns control characters into spaces", () => {
    expect(printable("a\u0000b\nc\u200bd")).toBe("a b cd");
  });
  it("the embedded font draws every Kyrgyz letter in both faces: ң ө ү and their capitals", () => {
    const both = fontCoverage();
    for (const letter of "ңөүҢӨҮ") expect(both.has(letter.codePointAt(0)!), letter).toBe(true);
  });
});

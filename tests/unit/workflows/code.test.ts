import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CODE_ALPHABET, formatCode, generateCode, isValidCode, normalizeCode } from "../../../workflows/application/code";
import { generateLogin } from "../../../workflows/account/login";

describe("generated application code (R6)", () => {
  it("R6: has ≥ 40 random bits in an alphabet without look-alikes, grouped XXXX-XXXX-XX", () => {
    expect(CODE_ALPHABET).not.toMatch(/[01OIL]/);
    expect(CODE_ALPHABET.length).toBe(31);
    expect(9 * Math.log2(CODE_ALPHABET.length)).toBeGreaterThanOrEqual(40);
    const code = generateCode();
    expect(formatCode(code)).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{2}$/);
    expect(isValidCode(code)).toBe(true);
  });

  it("R6: the check character rejects every single mistyped character", () => {
    for (let n = 0; n < 200; n++) {
      const code = generateCode();
      for (let pos = 0; pos < code.length; pos++) {
        for (const ch of CODE_ALPHABET) {
          if (ch === code[pos]) continue;
          const typo = code.slice(0, pos) + ch + code.slice(pos + 1);
          expect(isValidCode(typo), `${code} -> ${typo}`).toBe(false);
        }
      }
    }
  });

  it("R6: also rejects a swap of two adjacent different characters", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 8 }), (pos) => {
        const code = generateCode();
        if (code[pos] === code[pos + 1]) return;
        const swapped = code.slice(0, pos) + code[pos + 1] + code[pos] + code.slice(pos + 2);
        expect(isValidCode(swapped)).toBe(false);
      }),
    );
  });

  it("R6: lookup input tolerates case, spaces and dashes", () => {
    const code = generateCode();
    const typed = ` ${formatCode(code).toLowerCase().replace("-", " ")} `;
    expect(normalizeCode(typed)).toBe(code);
    expect(isValidCode(typed)).toBe(true);
  });

  it("codes and logins do not repeat in 20 000 draws", () => {
    const codes = new Set(Array.from({ length: 20_000 }, generateCode));
    const logins = new Set(Array.from({ length: 20_000 }, generateLogin));
    expect(codes.size).toBe(20_000);
    expect(logins.size).toBe(20_000);
  });

  it("R13: a login is never made of digits only, so it can never be an INN", () => {
    for (let i = 0; i < 1000; i++) expect(generateLogin()).toMatch(/^kb-[2-9a-z]{8}$/);
  });
});

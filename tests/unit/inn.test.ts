import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { innProblem, isValidInn, normalizeInn } from "../../workflows/registry/inn";

describe("Kyrgyz INN", () => {
  it("accepts a person's INN with a real birth date and an organisation's INN", () => {
    expect(isValidInn("21505199012345")).toBe(true);
    expect(isValidInn("02410201910123")).toBe(true);
    expect(isValidInn(" 2150-5199-0123 45 ")).toBe(true);
  });
  it("names what is wrong", () => {
    expect(innProblem("")).toBe("empty");
    expect(innProblem("2150519901234a")).toBe("not_digits");
    expect(innProblem("2150519901234")).toBe("length");
    expect(innProblem("31505199012345")).toBe("kind");
    expect(innProblem("23102199012345")).toBe("birth_date");
  });
  it("never accepts anything but 14 digits (property)", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        if (isValidInn(s)) expect(normalizeInn(s)).toMatch(/^\d{14}$/);
      }),
    );
  });
});

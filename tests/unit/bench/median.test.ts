import { describe, expect, it } from "vitest";
import { median } from "../../bench/_server";

// The benchmarks' medians: a four-round run was reported by its upper middle round.
describe("median", () => {
  it("is the middle value of an odd count, whatever the order", () => {
    expect(median([0.762, 0.8, 0.722, 0.753, 0.74])).toBe(0.753);
  });
  it("is the mean of the two middle values of an even count", () => {
    expect(median([0.669, 0.623, 0.605, 0.662])).toBeCloseTo(0.6425, 10);
    expect(median([2, 1])).toBe(1.5);
  });
  it("leaves its input as it was", () => {
    const rounds = [3, 1, 2];
    median(rounds);
    expect(rounds).toEqual([3, 1, 2]);
  });
});

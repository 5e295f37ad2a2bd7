import { describe, expect, it } from "vitest";
import {
  mad,
  mean,
  median,
  medianStandardError,
  relativeSpread,
  sampleSd,
  studentT95,
} from "../bench/core/stats.ts";

describe("robust statistics", () => {
  it("median of odd and even counts, unsorted input untouched", () => {
    const input = [5, 1, 3];
    expect(median(input)).toBe(3);
    expect(input).toEqual([5, 1, 3]);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it("median of nothing is an error", () => {
    expect(() => median([])).toThrow(RangeError);
  });

  it("one wild outlier barely moves median and MAD", () => {
    const calm = [10, 10.1, 9.9, 10.05, 9.95];
    const withOutlier = [...calm.slice(0, 4), 1000];
    expect(median(withOutlier)).toBeCloseTo(10.05, 5);
    expect(mad(withOutlier)).toBeLessThan(0.2);
  });

  it("relative spread estimates σ/center for normal-ish data", () => {
    // ±1 around 100 in equal thirds: MAD = 1, spread = 1.4826 %
    expect(relativeSpread([99, 100, 101, 99, 100, 101, 99, 100, 101])).toBeCloseTo(0.014826, 6);
    expect(relativeSpread([0, 0, 0])).toBe(0);
  });

  it("standard error of a median shrinks with √n", () => {
    expect(medianStandardError(0.1, 4)).toBeCloseTo(medianStandardError(0.1, 16) * 2, 10);
    expect(() => medianStandardError(0.1, 0)).toThrow(RangeError);
  });
});

describe("t quantiles and moments", () => {
  it("the table's ends and the normal limit", () => {
    expect(studentT95(1)).toBe(12.706);
    expect(studentT95(2)).toBe(4.303);
    expect(studentT95(30)).toBe(2.042);
    expect(studentT95(200)).toBe(1.96);
    expect(() => studentT95(0)).toThrow(RangeError);
  });

  it("mean and sample standard deviation", () => {
    expect(mean([1, 2, 3, 6])).toBe(3);
    expect(sampleSd([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(Math.sqrt(32 / 7), 12);
    expect(() => sampleSd([1])).toThrow(RangeError);
  });
});

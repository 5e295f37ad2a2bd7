import { describe, expect, it } from "vitest";
import type { Expectation, Trace } from "../../helpers/core/model.ts";
import { liveSetText, losesAnExpectation } from "./live-sets.ts";

const pinhole = (dport: number): Expectation => ({
  l4: "tcp",
  src: "192.0.2.1",
  sport: null,
  dst: "192.0.2.2",
  dport,
});
const trace = (...liveAfter: Expectation[][]): Trace => ({
  outcome: { expectations: [], segments: [] },
  liveAfter,
});

describe("liveSetText", () => {
  it("ignores order and counts duplicates", () => {
    expect(liveSetText([pinhole(2), pinhole(1)])).toBe(liveSetText([pinhole(1), pinhole(2)]));
    expect(liveSetText([pinhole(1), pinhole(1)])).not.toBe(liveSetText([pinhole(1)]));
  });
});

describe("losesAnExpectation", () => {
  it("is true for an eviction or removal, false for growth and replacement", () => {
    expect(losesAnExpectation(trace([pinhole(1)], [pinhole(2)]))).toBe(true);
    expect(losesAnExpectation(trace([pinhole(1)], []))).toBe(true);
    expect(losesAnExpectation(trace([], [pinhole(1)], [pinhole(1), pinhole(2)]))).toBe(false);
    expect(losesAnExpectation(trace([pinhole(1)], [pinhole(1)]))).toBe(false);
  });
});

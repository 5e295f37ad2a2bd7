import { describe, expect, it } from "vitest";
import { type AlignItem, alignSegments } from "./align-segments.ts";

const items = (...keys: (string | null)[]): AlignItem[] => keys.map((key) => ({ key }));

describe("alignSegments", () => {
  it("pairs identical lists one to one", () => {
    expect(alignSegments(items("a", "b", "c"), items("a", "b", "c"))).toEqual([0, 1, 2]);
  });

  it("pairs a changed segment with its counterpart between anchors", () => {
    expect(alignSegments(items("a", "b", "c"), items("a", "B", "c"))).toEqual([0, 1, 2]);
  });

  it("pairs in order when nothing anchors (every later seq shifted)", () => {
    expect(alignSegments(items("a", "b", "c"), items("x", "y", "z"))).toEqual([0, 1, 2]);
  });

  it("finds the segment the box did not forward", () => {
    expect(alignSegments(items("a", "b", "c", "d"), items("a", "c", "d"))).toEqual([0, null, 1, 2]);
  });

  it("leaves an extra observed segment unpaired", () => {
    expect(alignSegments(items("a", "c"), items("a", "b", "c"))).toEqual([0, 2]);
  });

  it("keeps a retransmission's two copies apart", () => {
    expect(alignSegments(items("a", "b", "b", "c"), items("a", "b", "b", "c"))).toEqual([
      0, 1, 2, 3,
    ]);
  });

  it("skips a segment expected to be dropped when the box dropped it too", () => {
    const expected: AlignItem[] = [
      { key: "a" },
      { key: null, optional: true },
      { key: "c" },
      { key: "d" },
    ];
    // c changed: the dropped one must not take its place.
    expect(alignSegments(expected, items("a", "C", "d"))).toEqual([0, null, 1, 2]);
  });

  it("pairs a segment expected to be dropped when the box forwarded it", () => {
    const expected: AlignItem[] = [{ key: "a" }, { key: null, optional: true }, { key: "c" }];
    expect(alignSegments(expected, items("a", "B", "c"))).toEqual([0, 1, 2]);
  });

  it("handles empty sides", () => {
    expect(alignSegments([], items("a"))).toEqual([]);
    expect(alignSegments(items("a", "b"), [])).toEqual([null, null]);
  });
});

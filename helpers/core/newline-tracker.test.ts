import { describe, expect, it } from "vitest";
import { isRemembered, slotToRemember, storedSeq } from "./newline-tracker.ts";

/** One direction's positions, updated the way a helper's state is. */
function tracker() {
  let count = 0;
  let first = 0;
  let second = 0;
  return {
    has: (seq: number) => isRemembered(count, first, second, storedSeq(seq)),
    remember(seq: number) {
      const s = storedSeq(seq);
      const slot = slotToRemember(count, first, second, s);
      if (slot === 0) first = s;
      if (slot === 1) second = s;
      if (slot === count) count++;
    },
    remembered: () => [first, second].slice(0, count).map((s) => s >>> 0),
  };
}

describe("newline positions", () => {
  it("start empty, so nothing is tracked (not even seq 0, the fields' initial value)", () => {
    const t = tracker();
    expect(t.has(0)).toBe(false);
    expect(t.remembered()).toEqual([]);
  });
  it("append up to two positions", () => {
    const t = tracker();
    t.remember(8);
    t.remember(16);
    expect(t.remembered()).toEqual([8, 16]);
    expect(t.has(8) && t.has(16)).toBe(true);
  });
  it("ignore a position already remembered", () => {
    const t = tracker();
    t.remember(8);
    t.remember(8);
    expect(t.remembered()).toEqual([8]);
  });
  it("replace the older of two with a newer one", () => {
    const t = tracker();
    t.remember(16);
    t.remember(8);
    t.remember(30);
    expect(t.remembered()).toEqual([16, 30]);
  });
  it("do not let an older position evict", () => {
    const t = tracker();
    t.remember(8);
    t.remember(16);
    t.remember(4);
    t.remember(12);
    expect(t.remembered()).toEqual([12, 16]);
    t.remember(10);
    expect(t.remembered()).toEqual([12, 16]);
  });
  it("compare across the 2^32 wrap", () => {
    const t = tracker();
    t.remember(0xffff_fff0);
    t.remember(0xffff_fff8);
    t.remember(4);
    expect(t.remembered()).toEqual([4, 0xffff_fff8]);
    expect(t.has(0xffff_fff8)).toBe(true);
    expect(t.has(0x7fff_fff8)).toBe(false);
  });
  it("store a u32 as the int32 with the same bits", () => {
    expect(storedSeq(0xffff_ffff)).toBe(-1);
    expect(storedSeq(0x8000_0000)).toBe(-0x8000_0000);
    expect(storedSeq(5) >>> 0).toBe(5);
  });
});

import { describe, expect, it } from "vitest";
import { seqAdd, seqAfter, seqBefore } from "./sequence.ts";

describe("sequence arithmetic", () => {
  it("adds mod 2^32", () => {
    expect(seqAdd(0xffff_fffe, 3)).toBe(1);
    expect(seqAdd(5, -6)).toBe(0xffff_ffff);
    expect(seqAdd(10, 20)).toBe(30);
  });
  it("compares across the wrap", () => {
    expect(seqBefore(0xffff_fff0, 5)).toBe(true);
    expect(seqAfter(5, 0xffff_fff0)).toBe(true);
    expect(seqBefore(5, 0xffff_fff0)).toBe(false);
  });
  it("is strict", () => {
    expect(seqBefore(7, 7)).toBe(false);
    expect(seqAfter(7, 7)).toBe(false);
  });
  it("treats exactly half the circle as before, like the kernel's signed difference", () => {
    // (s32)(0 - 2^31) = -2^31 < 0, so 0 is before 2^31 and 2^31 is before 0 too.
    expect(seqBefore(0, 0x8000_0000)).toBe(true);
    expect(seqBefore(0x8000_0000, 0)).toBe(true);
  });
});

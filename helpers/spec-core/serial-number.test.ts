import { describe, expect, it } from "vitest";
import { isAfter, isBefore, u32 } from "./serial-number.ts";

describe("u32", () => {
  it("wraps both ways", () => {
    expect(u32(2 ** 32 + 3)).toBe(3);
    expect(u32(2 ** 32 + 5)).toBe(5);
    expect(u32(-1)).toBe(0xffffffff);
    expect(u32(-2)).toBe(2 ** 32 - 2);
  });
});

describe("isBefore / isAfter (serial-number compare)", () => {
  it("compares across the wrap", () => {
    expect(isBefore(0xfffffff0, 5)).toBe(true);
    expect(isBefore(0xfffffff0, 4)).toBe(true);
    expect(isBefore(4, 0xfffffff0)).toBe(false);
    expect(isAfter(5, 0xfffffff0)).toBe(true);
  });
  it("a position is neither before nor after itself", () => {
    expect(isBefore(5, 5)).toBe(false);
    expect(isBefore(7, 7)).toBe(false);
    expect(isAfter(7, 7)).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { isAfter, isBefore, NewlinePositions, u32 } from "./tracking.ts";

describe("serial arithmetic", () => {
  it("compares across the wrap", () => {
    expect(isBefore(0xfffffff0, 5)).toBe(true);
    expect(isAfter(5, 0xfffffff0)).toBe(true);
    expect(isBefore(5, 5)).toBe(false);
    expect(u32(2 ** 32 + 3)).toBe(3);
    expect(u32(-1)).toBe(0xffffffff);
  });
});

describe("NewlinePositions (§2.3 step 4)", () => {
  it("starts empty and appends up to two positions", () => {
    const positions = new NewlinePositions();
    expect(positions.includes(0)).toBe(false);
    positions.remember(8);
    positions.remember(16);
    positions.remember(8);
    expect(positions.positions).toEqual([8, 16]);
  });
  it("replaces the older one only with a newer position", () => {
    const positions = new NewlinePositions();
    positions.remember(16);
    positions.remember(8);
    positions.remember(4); // older than both: ignored
    expect(positions.positions).toEqual([16, 8]);
    positions.remember(30); // replaces 8, the older
    expect(positions.positions).toEqual([16, 30]);
  });
});

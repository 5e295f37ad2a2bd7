import { describe, expect, it } from "vitest";
import { NewlineTracker } from "./newline-tracker.ts";

describe("NewlineTracker", () => {
  it("starts empty, so nothing is tracked", () => {
    const t = new NewlineTracker();
    expect(t.has(0)).toBe(false);
    expect(t.remembered()).toEqual([]);
  });
  it("appends up to two positions", () => {
    const t = new NewlineTracker();
    t.remember(8);
    t.remember(16);
    expect(t.remembered()).toEqual([8, 16]);
    expect(t.has(8) && t.has(16)).toBe(true);
  });
  it("ignores a position already remembered", () => {
    const t = new NewlineTracker();
    t.remember(8);
    t.remember(8);
    expect(t.remembered()).toEqual([8]);
  });
  it("replaces the older of two with a newer one", () => {
    const t = new NewlineTracker();
    t.remember(16);
    t.remember(8);
    t.remember(30);
    expect(t.remembered()).toEqual([16, 30]);
  });
  it("does not let an older position evict", () => {
    const t = new NewlineTracker();
    t.remember(8);
    t.remember(16);
    t.remember(4);
    t.remember(12);
    expect(t.remembered()).toEqual([12, 16]);
    t.remember(10);
    expect(t.remembered()).toEqual([12, 16]);
  });
  it("compares across the 2^32 wrap", () => {
    const t = new NewlineTracker();
    t.remember(0xffff_fff0);
    t.remember(0xffff_fff8);
    t.remember(4);
    expect(t.remembered()).toEqual([4, 0xffff_fff8]);
  });
});

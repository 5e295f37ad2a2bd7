import { describe, expect, it } from "vitest";
import { SequenceAdjustment } from "./sequence-adjustment.ts";

describe("SequenceAdjustment (§1.5)", () => {
  it("keeps the rewritten segment's seq and shifts later ones", () => {
    const adjustment = new SequenceAdjustment();
    adjustment.record(12, 3);
    expect(adjustment.adjust(0)).toBe(0);
    expect(adjustment.adjust(12)).toBe(12);
    expect(adjustment.adjust(60)).toBe(63);
  });
  it("shrinks too (a negative delta)", () => {
    const adjustment = new SequenceAdjustment();
    adjustment.record(12, -2);
    expect(adjustment.adjust(60)).toBe(58);
  });
  it("a retransmitted rewrite is not counted twice", () => {
    const adjustment = new SequenceAdjustment();
    adjustment.record(12, 3);
    adjustment.record(12, 3);
    expect(adjustment.adjust(60)).toBe(63);
  });
  it("a later rewrite accumulates; only the newest point is remembered", () => {
    const adjustment = new SequenceAdjustment();
    adjustment.record(12, 3);
    adjustment.record(60, 2);
    expect(adjustment.adjust(30)).toBe(33);
    expect(adjustment.adjust(60)).toBe(63);
    expect(adjustment.adjust(90)).toBe(95);
    // An old segment before the remembered point gets offset_before, not 0.
    expect(adjustment.adjust(5)).toBe(8);
  });
  it("a later shrinking rewrite: offset_before before the point, the sum after", () => {
    const adjustment = new SequenceAdjustment();
    adjustment.record(8, 2);
    adjustment.record(40, -1);
    expect(adjustment.adjust(20)).toBe(22);
    expect(adjustment.adjust(50)).toBe(51);
  });
  it("an older rewrite arriving after a newer one is ignored", () => {
    const adjustment = new SequenceAdjustment();
    adjustment.record(60, 2);
    adjustment.record(12, 3);
    expect(adjustment.adjust(90)).toBe(92);
  });
  it("a zero delta records nothing; wraps mod 2^32", () => {
    const adjustment = new SequenceAdjustment();
    adjustment.record(8, 0);
    expect(adjustment.offsetAfter).toBe(0);
    adjustment.record(0xfffffff0, 4);
    expect(adjustment.adjust(0xfffffffe)).toBe(2);
  });
});

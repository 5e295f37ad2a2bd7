import { describe, expect, it } from "vitest";
import { SequenceAdjustment } from "./sequence-adjust.ts";

describe("SequenceAdjustment (§1.5)", () => {
  it("keeps the rewritten segment's seq and shifts later ones", () => {
    const adjustment = new SequenceAdjustment();
    adjustment.record(8, 2);
    expect(adjustment.adjust(0)).toBe(0);
    expect(adjustment.adjust(8)).toBe(8);
    expect(adjustment.adjust(31)).toBe(33);
  });
  it("ignores a retransmission of the same rewrite", () => {
    const adjustment = new SequenceAdjustment();
    adjustment.record(8, 2);
    adjustment.record(8, 2);
    expect(adjustment.adjust(31)).toBe(33);
  });
  it("accumulates a later rewrite and remembers only its point", () => {
    const adjustment = new SequenceAdjustment();
    adjustment.record(8, 2);
    adjustment.record(40, -1);
    expect(adjustment.adjust(20)).toBe(22); // before the newest point: offset_before
    expect(adjustment.adjust(50)).toBe(51);
  });
  it("ignores a zero delta and wraps mod 2^32", () => {
    const adjustment = new SequenceAdjustment();
    adjustment.record(8, 0);
    expect(adjustment.offsetAfter).toBe(0);
    adjustment.record(0xfffffff0, 4);
    expect(adjustment.adjust(0xfffffffe)).toBe(2);
  });
});

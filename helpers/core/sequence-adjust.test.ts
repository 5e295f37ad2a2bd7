import { describe, expect, it } from "vitest";
import { SequenceAdjust } from "./sequence-adjust.ts";

describe("SequenceAdjust", () => {
  it("leaves seqs alone until something is recorded", () => {
    const s = new SequenceAdjust();
    expect(s.adjust("orig", 100)).toBe(100);
  });
  it("shifts segments after the rewritten one, not the rewritten one itself", () => {
    const s = new SequenceAdjust();
    s.record("orig", 8, 2);
    expect(s.adjust("orig", 8)).toBe(8);
    expect(s.adjust("orig", 31)).toBe(33);
    expect(s.adjust("orig", 0)).toBe(0);
    expect(s.adjust("reply", 31)).toBe(31);
  });
  it("does not count a retransmitted rewrite twice", () => {
    const s = new SequenceAdjust();
    s.record("orig", 8, 2);
    s.record("orig", 8, 2);
    expect(s.adjust("orig", 40)).toBe(42);
  });
  it("moves the correction point forward and accumulates", () => {
    const s = new SequenceAdjust();
    s.record("orig", 8, 2);
    s.record("orig", 40, -1);
    expect(s.adjust("orig", 40)).toBe(42);
    expect(s.adjust("orig", 60)).toBe(61);
    // the first correction point is forgotten: a segment between them gets offset_before
    expect(s.adjust("orig", 20)).toBe(22);
  });
  it("ignores a change recorded before the correction point while one is pending", () => {
    const s = new SequenceAdjust();
    s.record("orig", 40, 2);
    s.record("orig", 8, 5);
    expect(s.adjust("orig", 50)).toBe(52);
  });
  it("compares offset_before with offset_after, not the running total with zero", () => {
    const s = new SequenceAdjust();
    s.record("orig", 40, 2);
    s.record("orig", 50, -2);
    // before = 2, after = 0: something is pending, so an earlier seq is ignored
    s.record("orig", 8, 3);
    expect(s.adjust("orig", 9)).toBe(11);
    expect(s.adjust("orig", 51)).toBe(51);
  });
  it("wraps mod 2^32", () => {
    const s = new SequenceAdjust();
    s.record("reply", 0xffff_fff0, 4);
    expect(s.adjust("reply", 0xffff_fffe)).toBe(2);
  });
  it("ignores a zero delta", () => {
    const s = new SequenceAdjust();
    s.record("orig", 8, 0);
    s.record("orig", 4, 1);
    expect(s.adjust("orig", 5)).toBe(6);
  });

  it("ignores a zero delta while a change is pending (nf_ct_seqadj_set returns at off == 0)", () => {
    const s = new SequenceAdjust();
    s.record("orig", 10, 5);
    s.record("orig", 20, 0);
    // The correction point stays at 10: a segment before it keeps offset_before (0).
    expect(s.adjust("orig", 5)).toBe(5);
    expect(s.adjust("orig", 15)).toBe(20);
  });

  it("undoes the other direction's shift on acks, by the position the ack points at", () => {
    const s = new SequenceAdjust();
    s.record("orig", 29, 4);
    // A reply acking up to the end of the 19-byte rewritten segment (29 + 23 = 52 as the
    // server saw it) is forwarded acking 48, the client's own end of it.
    expect(s.adjustAck("reply", 52)).toBe(48);
    // Acking the rewritten segment's start (x = 29, not after the correction point): offset_before.
    expect(s.adjustAck("reply", 29)).toBe(29);
    // The orig direction's own acks use the reply record: nothing recorded there.
    expect(s.adjustAck("orig", 52)).toBe(52);
  });
  it("compares ack - offset_before with the correction point, not the raw ack", () => {
    const s = new SequenceAdjust();
    s.record("orig", 10, 5);
    s.record("orig", 40, 3);
    // before = 5, after = 8, correction point 40. ack 45: x = 40, not after 40 ⇒ − 5.
    expect(s.adjustAck("reply", 45)).toBe(40);
    // ack 46: x = 41, after 40 ⇒ − 8.
    expect(s.adjustAck("reply", 46)).toBe(38);
  });
});

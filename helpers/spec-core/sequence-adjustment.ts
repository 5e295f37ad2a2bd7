// Shared by spec models only; never imported by fast helpers, and never imports fast-helper
// mechanics (docs/ARCHITECTURE.md, layout).
//
// nf_conntrack_seqadj for one direction (kernel-helpers.md §1.5, §13 item 14): once a NAT
// rewrite changed a segment's length, later segments of that direction move by the
// difference. Only one correction point is remembered.

import { isAfter, isBefore, u32 } from "./serial-number.ts";

export class SequenceAdjustment {
  correctionPosition = 0;
  offsetBefore = 0;
  offsetAfter = 0;

  /** §1.5 Record: the rewrite of the segment at `seq` changed its length by `delta`. */
  record(seq: number, delta: number): void {
    if (delta === 0) return;
    const nothingPending = this.offsetBefore === this.offsetAfter;
    // Otherwise only a point later than the remembered one moves it: a retransmitted
    // rewrite (same seq) is not counted twice.
    if (nothingPending || isBefore(this.correctionPosition, seq)) {
      this.correctionPosition = seq;
      this.offsetBefore = this.offsetAfter;
      this.offsetAfter += delta;
    }
  }

  /** §1.5 Apply: strictly after the point ⇒ + offset_after, else + offset_before (the
   * rewritten segment itself keeps its seq). */
  adjust(seq: number): number {
    const offset = isAfter(seq, this.correctionPosition) ? this.offsetAfter : this.offsetBefore;
    return u32(seq + offset);
  }
}

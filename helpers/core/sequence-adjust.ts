// nf_conntrack_seqadj: after a NAT rewrite changed a segment's length, every later
// segment of that direction is shifted. Only one correction point per direction is kept.
// Outcomes carry no ack; adjustAck is the kernel's ack rule, for comparing captured acks
// (the two-sided capture replay).

import type { Dir } from "./model.ts";
import { seqAdd, seqAfter, seqBefore } from "./sequence.ts";

interface DirectionRecord {
  correctionPos: number;
  offsetBefore: number;
  offsetAfter: number;
}

export class SequenceAdjust {
  private readonly orig: DirectionRecord = { correctionPos: 0, offsetBefore: 0, offsetAfter: 0 };
  private readonly reply: DirectionRecord = { correctionPos: 0, offsetBefore: 0, offsetAfter: 0 };

  private side(dir: Dir): DirectionRecord {
    return dir === "orig" ? this.orig : this.reply;
  }

  /** nf_ct_seqadj_set: taken only when nothing is pending or the segment lies beyond the
   * current correction point, so a retransmitted rewrite is not counted twice. */
  record(dir: Dir, seq: number, delta: number): void {
    if (delta === 0) return;
    const r = this.side(dir);
    if (r.offsetBefore === r.offsetAfter || seqBefore(r.correctionPos, seq)) {
      r.correctionPos = seq;
      r.offsetBefore = r.offsetAfter;
      r.offsetAfter = (r.offsetAfter + delta) | 0;
    }
  }

  /** The seq as forwarded: the rewritten segment itself keeps offset_before. */
  adjust(dir: Dir, seq: number): number {
    const r = this.side(dir);
    return seqAdd(seq, seqAfter(seq, r.correctionPos) ? r.offsetAfter : r.offsetBefore);
  }

  /** The ack of a segment travelling in `dir`, as forwarded: it acknowledges the other
   * direction's stream, so that direction's record is undone (kernel: x = ack −
   * offset_before; after(x, correction_pos) ? ack − offset_after : ack − offset_before). */
  adjustAck(dir: Dir, ack: number): number {
    const r = this.side(dir === "orig" ? "reply" : "orig");
    const unshifted = seqAdd(ack, -r.offsetBefore);
    return seqAdd(ack, -(seqAfter(unshifted, r.correctionPos) ? r.offsetAfter : r.offsetBefore));
  }
}

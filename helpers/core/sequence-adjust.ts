// nf_conntrack_seqadj: after a NAT rewrite changed a segment's length, every later
// segment of that direction is shifted. Only one correction point per direction is kept.
// Acks (the other direction's record applied to ack numbers) are not modelled: outcomes
// carry no ack.

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
}

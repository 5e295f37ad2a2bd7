// The FTP helper's per-direction memory of "sequence number right after a newline"
// (nf_ct_ftp_master.seq_aft_nl): only a segment starting at one of these is parsed.

import { seqAfter, seqBefore } from "./sequence.ts";

/** NUM_SEQ_TO_REMEMBER in the kernel. */
export const REMEMBERED_POSITIONS = 2;

export class NewlineTracker {
  private readonly positions: number[] = [];

  has(seq: number): boolean {
    const p = this.positions;
    return (p.length > 0 && p[0] === seq) || (p.length > 1 && p[1] === seq);
  }

  /** update_nl_seq: a known position changes nothing; a free slot takes it; otherwise it
   * replaces the older one only if it is newer still (old retransmits can't evict). */
  remember(seq: number): void {
    const p = this.positions;
    if (this.has(seq)) return;
    if (p.length < REMEMBERED_POSITIONS) {
      p.push(seq);
      return;
    }
    const oldest = seqBefore(p[0], p[1]) ? 0 : 1;
    if (seqAfter(seq, p[oldest])) p[oldest] = seq;
  }

  /** A copy, for tests and traces. */
  remembered(): number[] {
    return [...this.positions];
  }
}

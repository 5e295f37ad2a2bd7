// Per-direction memory of "sequence numbers right after a newline" (kernel-helpers.md
// §2.3): the only positions at which the FTP helper parses a segment.

import { isAfter, isBefore } from "../../spec-core/serial-number.ts";

/** §2.1 NUM_SEQ_TO_REMEMBER */
const POSITIONS_REMEMBERED = 2;

export class NewlinePositions {
  /** Starts empty (§2.3 consequence 1: the first segment of a direction is never parsed). */
  readonly positions: number[] = [];

  /** §2.3 step 2: is this segment's seq one of the remembered positions? */
  includes(seq: number): boolean {
    return this.positions.includes(seq);
  }

  /** §2.3 step 4: remember `next` (the seq right after a segment ending in '\n'). */
  remember(next: number): void {
    if (this.positions.includes(next)) return; // already remembered: nothing
    if (this.positions.length < POSITIONS_REMEMBERED) {
      this.positions.push(next); // fewer than 2: append
      return;
    }
    // Both slots full: the older one (serial compare) is replaced, and only by a newer
    // position, so an old retransmission cannot evict a live position.
    const oldest = isBefore(this.positions[0], this.positions[1]) ? 0 : 1;
    if (isAfter(next, this.positions[oldest])) this.positions[oldest] = next;
  }
}

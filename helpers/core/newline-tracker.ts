// The kernel's per-direction memory of "sequence number right after a newline"
// (nf_ct_ftp_master.seq_aft_nl): only a segment starting at one of these is parsed.
//
// Pure functions over plain numbers, not an object: a helper keeps the count and the two
// positions as fields of its own per-connection state, so a packet touches one object
// and not three (with a million live connections every extra object is a cache miss).
// Positions are stored as int32 (seq | 0): on a 64-bit V8 that is a small integer kept
// inside the object, where a u32 above 2^31 would become a separate boxed number.

import { seqAfter, seqBefore } from "./sequence.ts";

/** NUM_SEQ_TO_REMEMBER in the kernel. */
export const REMEMBERED_POSITIONS = 2;

/** seq as it is stored and compared: the same 32 bits as a signed integer. */
export function storedSeq(seq: number): number {
  return seq | 0;
}

/** Whether `seq` (stored form) is one of the `count` remembered positions. */
export function isRemembered(count: number, first: number, second: number, seq: number): boolean {
  return (count > 0 && first === seq) || (count > 1 && second === seq);
}

/** update_nl_seq: the slot (0 or 1) `seq` must be written to, or -1 to change nothing.
 * A known position changes nothing; a free slot takes it (count grows by one); otherwise
 * it replaces the older one only if it is newer still (old retransmits can't evict). */
export function slotToRemember(count: number, first: number, second: number, seq: number): number {
  if (isRemembered(count, first, second, seq)) return -1;
  if (count < REMEMBERED_POSITIONS) return count;
  const oldest = seqBefore(first, second) ? 0 : 1;
  return seqAfter(seq, oldest === 0 ? first : second) ? oldest : -1;
}

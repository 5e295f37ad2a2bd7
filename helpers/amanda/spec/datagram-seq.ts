// The seq every target reports for a datagram (docs/ARCHITECTURE.md, outcome conventions):
// the input seq, or right after the previous datagram of the same direction (first 0),
// mod 2^32. UDP has no sequence adjustment, so this is also the output seq.

import type { Dir, Segment } from "../../core/model.ts";

export function u32(value: number): number {
  return ((value % 2 ** 32) + 2 ** 32) % 2 ** 32;
}

export function inputSeqs(segments: readonly Segment[]): number[] {
  const next: Record<Dir, number> = { orig: 0, reply: 0 };
  return segments.map((segment) => {
    const seq = segment.seq === undefined ? next[segment.dir] : u32(segment.seq);
    next[segment.dir] = u32(seq + segment.data.length);
    return seq;
  });
}

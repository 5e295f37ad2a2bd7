// Shared by spec models only; never imported by fast helpers, and never imports fast-helper
// mechanics (docs/ARCHITECTURE.md, layout).
//
// The seq each input segment stands at (DESIGN.md, docs/ARCHITECTURE.md outcome
// conventions): the seq it gives, or right after the previous segment of the same direction
// (the first at 0), mod 2^32.

import type { Dir, Segment } from "../core/model.ts";
import { u32 } from "./serial-number.ts";

export function inputSeqs(segments: readonly Segment[]): number[] {
  const next: Record<Dir, number> = { orig: 0, reply: 0 };
  return segments.map((segment) => {
    const seq = segment.seq === undefined ? next[segment.dir] : u32(segment.seq);
    next[segment.dir] = u32(seq + segment.data.length);
    return seq;
  });
}

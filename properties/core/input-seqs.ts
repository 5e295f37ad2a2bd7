// The seq each input segment stands for, with absent seqs filled in the way the model
// defines them: right after the previous segment of the same direction (0 for the first).

import type { Flow } from "../../helpers/core/model.ts";
import { seqAdd } from "./sequence-space.ts";

export function inputSeqs(flow: Flow): number[] {
  const next = { orig: 0, reply: 0 };
  return flow.segments.map((segment) => {
    const seq = segment.seq ?? next[segment.dir];
    next[segment.dir] = seqAdd(seq, segment.data.length);
    return seq;
  });
}

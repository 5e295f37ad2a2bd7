// The rule checked, per direction, replaying the kernel's nf_conntrack_seqadj on the
// target's own outcome in input order (one correction point per direction):
//   state: pos, before, after (all 0 at first)
//   an accepted segment at input seq s whose forwarded length differs by d ≠ 0 records
//     (before a segment is adjusted, like the helper runs before seqadj):
//     if before == after (nothing recorded yet, or offsets cancelled) or pos is strictly
//     before s: pos := s, before := after, after += d; otherwise the record is ignored
//     (a retransmission of a rewritten segment is not counted twice);
//   every accepted segment (empty ones too) is forwarded at s + after if s is strictly
//     after pos, else s + before (the rewritten segment itself keeps the earlier offset).
// So "the sum of the deltas strictly before it in sequence space" holds for in-order
// traffic; under reordering the single correction point forgets older rewrites, and the
// property follows the kernel, not the sum.

import type fc from "fast-check";
import type { Dir, Flow, Outcome } from "../../../helpers/core/model.ts";
import { inputSeqs } from "../input-seqs.ts";
import type { FlowProperty } from "../property.ts";
import { seqAdd, seqAfter, seqBefore } from "../sequence-space.ts";

interface CorrectionPoint {
  pos: number;
  before: number;
  after: number;
}

/** The adjusted seq the kernel would give each accepted segment (null for dropped ones). */
export function expectedAdjustedSeqs(flow: Flow, outcome: Outcome): (number | null)[] {
  const seqs = inputSeqs(flow);
  const points: Record<Dir, CorrectionPoint> = {
    orig: { pos: 0, before: 0, after: 0 },
    reply: { pos: 0, before: 0, after: 0 },
  };
  return flow.segments.map((segment, i) => {
    const result = outcome.segments[i];
    if (result?.verdict !== "accept") return null;
    const seq = seqs[i];
    const point = points[segment.dir];
    const delta = result.data.length - segment.data.length;
    if (delta !== 0 && (point.before === point.after || seqBefore(point.pos, seq))) {
      point.pos = seq;
      point.before = point.after;
      point.after += delta;
    }
    return seqAdd(seq, seqAfter(seq, point.pos) ? point.after : point.before);
  });
}

export function sequenceAdjustmentConsistent(flows: fc.Arbitrary<Flow>): FlowProperty {
  return {
    name: "sequence-adjustment-consistent",
    description:
      "Each accepted segment's seq is its input seq shifted by the length changes of earlier rewrites in its direction, by the kernel's single-correction-point rule.",
    arbitrary: flows,
    check(flow, { target }) {
      const outcome = target.run(flow);
      const expected = expectedAdjustedSeqs(flow, outcome);
      const seqs = inputSeqs(flow);
      expected.forEach((seq, i) => {
        if (seq === null || outcome.segments[i].seq === seq) return;
        throw new Error(
          `segment #${i} (${flow.segments[i].dir}, input seq ${seqs[i]}) forwarded at seq ${outcome.segments[i].seq}, seqadj gives ${seq}`,
        );
      });
    },
  };
}

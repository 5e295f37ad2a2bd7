// Shared by spec models only; never imported by fast helpers, and never imports fast-helper
// mechanics (docs/ARCHITECTURE.md, layout).
//
// The walk every spec model makes over a flow: each segment at its input seq goes through
// the helper, then becomes one outcome (docs/ARCHITECTURE.md, outcome conventions), and the
// expectations live after it are noted for the trace.

import type { Dir, Segment, SegmentOutcome, Trace, Verdict } from "../core/model.ts";
import type { ExpectationList } from "./expectation-list.ts";
import { inputSeqs } from "./input-seqs.ts";
import type { SequenceAdjustment } from "./sequence-adjustment.ts";

/** The helper's verdict on one segment and the payload as it would forward it. */
export interface HelperResult {
  verdict: Verdict;
  data: Uint8Array;
}

export interface SegmentLoop {
  /** The helper's work on one segment, at its seq in the sender's original seq space. */
  help: (dir: Dir, seq: number, data: Uint8Array) => HelperResult;
  expectations: ExpectationList;
  /** TCP helpers with a NAT half (§1.5); UDP has no sequence adjustment. */
  sequenceAdjustment?: Record<Dir, SequenceAdjustment>;
}

export function traceSegments(segments: readonly Segment[], loop: SegmentLoop): Trace {
  const seqs = inputSeqs(segments);
  const outcomes: SegmentOutcome[] = [];
  const liveAfter = segments.map((segment, index) => {
    const seq = seqs[index];
    const result = loop.help(segment.dir, seq, segment.data);
    if (result.verdict === "drop") {
      // Dropped before any rewrite or adjustment: input bytes, input seq.
      outcomes.push({ verdict: "drop", data: Uint8Array.from(segment.data), seq });
    } else {
      // §1.5: every forwarded segment (the rewritten one and empty ones too) is adjusted
      // after the helper ran.
      const adjusted = loop.sequenceAdjustment?.[segment.dir].adjust(seq) ?? seq;
      outcomes.push({ verdict: "accept", data: Uint8Array.from(result.data), seq: adjusted });
    }
    return loop.expectations.live.map((expectation) => ({ ...expectation }));
  });
  return {
    outcome: {
      expectations: loop.expectations.created.map((expectation) => ({ ...expectation })),
      segments: outcomes,
    },
    liveAfter,
  };
}

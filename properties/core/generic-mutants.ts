// Planted bugs that break one universal rule of any helper, built around that helper's own
// target. A kit's planted-bug tests use them to show each universal property can fail.

import type { Expectation, Flow, Outcome } from "../../helpers/core/model.ts";
import { inputSeqs } from "./input-seqs.ts";
import type { SyncTarget } from "./property.ts";
import { seqAdd } from "./sequence-space.ts";

function withSegments(outcome: Outcome, segments: Outcome["segments"]): Outcome {
  return { expectations: outcome.expectations, segments };
}

/** Throws on a NUL byte. */
export function throwsOnNul(base: SyncTarget): SyncTarget {
  return {
    name: "throws-on-nul",
    run(flow) {
      if (flow.segments.some((s) => s.data.includes(0))) throw new TypeError("cannot read NUL");
      return base.run(flow);
    },
  };
}

/** Every other call shifts the first segment's seq. */
export function flaky(base: SyncTarget): SyncTarget {
  let calls = 0;
  return {
    name: "flaky",
    run(flow) {
      const outcome = base.run(flow);
      if (++calls % 2 === 0 || outcome.segments.length === 0) return outcome;
      const [first, ...rest] = outcome.segments;
      return withSegments(outcome, [{ ...first, seq: seqAdd(first.seq, 1) }, ...rest]);
    },
  };
}

/** Loses the last segment outcome of a flow with two or more. */
export function losesLastSegment(base: SyncTarget): SyncTarget {
  return {
    name: "loses-last-segment",
    run(flow) {
      const outcome = base.run(flow);
      return outcome.segments.length < 2
        ? outcome
        : withSegments(outcome, outcome.segments.slice(0, -1));
    },
  };
}

/** Opens an extra pinhole to a documentation host next to every expectation. */
export function pinholeToThirdParty(base: SyncTarget): SyncTarget {
  return {
    name: "pinhole-to-third-party",
    run(flow) {
      const outcome = base.run(flow);
      const extra = outcome.expectations.map(
        (e): Expectation => ({ ...e, dst: e.dst.includes(":") ? "2001:db8::99" : "192.0.2.99" }),
      );
      return { expectations: [...outcome.expectations, ...extra], segments: outcome.segments };
    },
  };
}

/** Neither replaces nor evicts: every expectation created so far stays live. */
export function keepsEveryExpectation(base: SyncTarget): SyncTarget {
  const createdUpTo = (flow: Flow, count: number): Expectation[] =>
    base.run({ ...flow, segments: flow.segments.slice(0, count) }).expectations;
  return {
    name: "keeps-every-expectation",
    run: base.run,
    trace(flow) {
      // Prefixes keep their explicit seqs so each runs exactly as within the whole flow.
      const seqs = inputSeqs(flow);
      const pinned: Flow = {
        ...flow,
        segments: flow.segments.map((s, i) => ({ ...s, seq: seqs[i] })),
      };
      return {
        outcome: base.run(flow),
        liveAfter: flow.segments.map((_, i) => createdUpTo(pinned, i + 1)),
      };
    },
  };
}

/** Forwards every non-empty accepted segment with its last byte changed, NAT or not. */
export function changesLastByte(base: SyncTarget): SyncTarget {
  return {
    name: "changes-last-byte",
    run(flow) {
      const outcome = base.run(flow);
      return withSegments(
        outcome,
        outcome.segments.map((s) => {
          if (s.verdict !== "accept" || s.data.length === 0) return s;
          const data = Uint8Array.from(s.data);
          data[data.length - 1] ^= 0x20;
          return { ...s, data };
        }),
      );
    },
  };
}

/** Shifts every accepted segment after the first non-empty one of its direction by one, as
 * if a rewrite had grown the payload. */
export function shiftsLaterSegments(base: SyncTarget): SyncTarget {
  return {
    name: "shifts-later-segments",
    run(flow) {
      const outcome = base.run(flow);
      const seen = { orig: false, reply: false };
      return withSegments(
        outcome,
        outcome.segments.map((s, i) => {
          const { dir, data } = flow.segments[i];
          const shifted = seen[dir] && s.verdict === "accept";
          if (data.length > 0) seen[dir] = true;
          return shifted ? { ...s, seq: seqAdd(s.seq, 1) } : s;
        }),
      );
    },
  };
}

// Planted bugs that break one universal rule of any helper, built around that helper's own
// target. A kit's planted-bug tests use them to show each universal property can fail.

import type { Family, HelperDefinition } from "../../helpers/core/helper.ts";
import type { Expectation, Flow, Outcome, SegmentOutcome } from "../../helpers/core/model.ts";
import { inputSeqs } from "./input-seqs.ts";
import { maxExpectedFor } from "./live-sets.ts";
import { expectationText, sameBytes } from "./outcome-text.ts";
import type { SyncTarget } from "./property.ts";
import { seqAdd } from "./sequence-space.ts";

/** A named target from a run function: how a kit writes its own planted bugs. */
export function mutant(name: string, run: (flow: Flow) => Outcome): SyncTarget {
  return { name, run };
}

/** The outcome with other segment outcomes (and, if given, other expectations). */
export function withOutcome(
  outcome: Outcome,
  segments: Outcome["segments"],
  expectations = outcome.expectations,
): Outcome {
  return { expectations, segments };
}

/** The segment with its last byte changed (a '\n' becomes '*'). */
function lastByteChanged(segment: SegmentOutcome): SegmentOutcome {
  const data = Uint8Array.from(segment.data);
  data[data.length - 1] ^= 0x20;
  return { ...segment, data };
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
      return withOutcome(outcome, [{ ...first, seq: seqAdd(first.seq, 1) }, ...rest]);
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
        : withOutcome(outcome, outcome.segments.slice(0, -1));
    },
  };
}

/** Opens an extra pinhole to a documentation host (192.0.2.99, 2001:db8::99) next to every
 * expectation of the given families. */
export function pinholeToThirdParty(
  base: SyncTarget,
  families: readonly Family[] = [4, 6],
): SyncTarget {
  return {
    name: "pinhole-to-third-party",
    run(flow) {
      const outcome = base.run(flow);
      const extra = outcome.expectations
        .filter((e) => families.includes(e.dst.includes(":") ? 6 : 4))
        .map(
          (e): Expectation => ({ ...e, dst: e.dst.includes(":") ? "2001:db8::99" : "192.0.2.99" }),
        );
      return { expectations: [...outcome.expectations, ...extra], segments: outcome.segments };
    },
  };
}

/** The expectations `base` has created once each segment is done (run on each prefix). */
function createdAfterEach(base: SyncTarget, flow: Flow): Expectation[][] {
  // Prefixes keep their explicit seqs so each runs exactly as within the whole flow.
  const seqs = inputSeqs(flow);
  const pinned: Flow = { ...flow, segments: flow.segments.map((s, i) => ({ ...s, seq: seqs[i] })) };
  return flow.segments.map(
    (_, i) => base.run({ ...pinned, segments: pinned.segments.slice(0, i + 1) }).expectations,
  );
}

/** Neither replaces nor evicts: every expectation created so far stays live. */
export function keepsEveryExpectation(base: SyncTarget): SyncTarget {
  return {
    name: "keeps-every-expectation",
    run: base.run,
    trace: (flow) => ({ outcome: base.run(flow), liveAfter: createdAfterEach(base, flow) }),
  };
}

/** A full table keeps its old expectations and refuses the new one, where the kernel evicts
 * the oldest (an identical one is still replaced). */
export function refusesNewWhenFull(
  base: SyncTarget,
  helper: Pick<HelperDefinition, "policy" | "policyFor" | "parseConfig">,
): SyncTarget {
  return {
    name: "refuses-new-when-full",
    run: base.run,
    trace(flow) {
      const limit = maxExpectedFor(helper, flow);
      const table: Expectation[] = [];
      let seen = 0;
      const liveAfter = createdAfterEach(base, flow).map((created) => {
        for (const expectation of created.slice(seen)) {
          const same = table.findIndex((e) => expectationText(e) === expectationText(expectation));
          if (same !== -1) table.splice(same, 1);
          else if (limit !== 0 && table.length >= limit) continue;
          table.push(expectation);
        }
        seen = created.length;
        return [...table];
      });
      return { outcome: base.run(flow), liveAfter };
    },
  };
}

/** Forwards every non-empty accepted segment with its last byte changed, NAT or not. */
export function changesLastByte(base: SyncTarget): SyncTarget {
  return {
    name: "changes-last-byte",
    run(flow) {
      const outcome = base.run(flow);
      return withOutcome(
        outcome,
        outcome.segments.map((s) => {
          return s.verdict !== "accept" || s.data.length === 0 ? s : lastByteChanged(s);
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
      return withOutcome(
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

const CR = 0x0d;

/** Forwards "\r" as "R" in every accepted segment (a line protocol's framing byte). */
export function flipsCarriageReturn(base: SyncTarget): SyncTarget {
  return {
    name: "flips-cr",
    run(flow) {
      const outcome = base.run(flow);
      return withOutcome(
        outcome,
        outcome.segments.map((s) =>
          s.verdict === "accept" ? { ...s, data: s.data.map((b) => (b === CR ? 0x52 : b)) } : s,
        ),
      );
    },
  };
}

/** Under NAT, also changes the last byte of every rewritten segment (a line's '\n'). */
export function changesLastByteOfRewrites(base: SyncTarget): SyncTarget {
  return {
    name: "flips-last-byte-of-rewrites",
    run(flow) {
      const outcome = base.run(flow);
      return withOutcome(
        outcome,
        outcome.segments.map((s, i) =>
          s.verdict !== "accept" || sameBytes(s.data, flow.segments[i].data)
            ? s
            : lastByteChanged(s),
        ),
      );
    },
  };
}

/** Forgets sequence adjustment: every accepted segment keeps its input seq. */
export function forgetsSequenceAdjustment(base: SyncTarget): SyncTarget {
  return {
    name: "forgets-seqadj",
    run(flow) {
      const outcome = base.run(flow);
      const seqs = inputSeqs(flow);
      return withOutcome(
        outcome,
        outcome.segments.map((s, i) => (s.verdict === "accept" ? { ...s, seq: seqs[i] } : s)),
      );
    },
  };
}

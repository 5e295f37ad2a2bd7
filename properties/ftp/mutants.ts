// Planted bugs: targets that wrap the built-in FTP helper and break exactly one rule each.
// The planted-bug tests prove every property can fail by finding each of them.

import { addressBytes, formatIPv6Full } from "../../helpers/core/address.ts";
import type { Expectation, Flow, Outcome, Trace } from "../../helpers/core/model.ts";
import { asciiBytes } from "../core/dialogue-flow.ts";
import { inputSeqs } from "../core/input-seqs.ts";
import { expectationText, sameBytes } from "../core/outcome-text.ts";
import type { SyncTarget } from "../core/property.ts";
import { seqAdd } from "../core/sequence-space.ts";
import { ftpBuiltin } from "./ftp-subject.ts";

function mutant(
  name: string,
  run: (flow: Flow) => Outcome,
  trace?: (flow: Flow) => Trace,
): SyncTarget {
  return trace ? { name, run, trace } : { name, run };
}

function startsWith(data: Uint8Array, keyword: string): boolean {
  return String.fromCharCode(...data.subarray(0, keyword.length)).toUpperCase() === keyword;
}

function withOutcome(
  outcome: Outcome,
  segments: Outcome["segments"],
  expectations = outcome.expectations,
): Outcome {
  return { expectations, segments };
}

/** Throws on a NUL byte. */
export const throwsOnNul = mutant("throws-on-nul", (flow) => {
  if (flow.segments.some((s) => s.data.includes(0))) throw new TypeError("cannot read NUL");
  return ftpBuiltin.run(flow);
});

/** Every other call shifts the first segment's seq. */
export function flaky(): SyncTarget {
  let calls = 0;
  return mutant("flaky", (flow) => {
    const outcome = ftpBuiltin.run(flow);
    if (++calls % 2 === 0 || outcome.segments.length === 0) return outcome;
    const [first, ...rest] = outcome.segments;
    return withOutcome(outcome, [{ ...first, seq: seqAdd(first.seq, 1) }, ...rest]);
  });
}

/** Loses the last segment outcome of a flow with two or more. */
export const losesLastSegment = mutant("loses-last-segment", (flow) => {
  const outcome = ftpBuiltin.run(flow);
  return outcome.segments.length < 2
    ? outcome
    : withOutcome(outcome, outcome.segments.slice(0, -1));
});

/** Opens an extra pinhole to 192.0.2.99 next to every expectation of an IPv4 flow. */
export const pinholeToThirdParty = mutant("pinhole-to-192.0.2.99", (flow) => {
  const outcome = ftpBuiltin.run(flow);
  const extra = outcome.expectations
    .filter((e) => !e.dst.includes(":"))
    .map((e): Expectation => ({ ...e, dst: "192.0.2.99" }));
  return withOutcome(outcome, outcome.segments, [...outcome.expectations, ...extra]);
});

/** Never evicts: every expectation ever live stays live. */
export const evictsNothing = mutant("evicts-nothing", ftpBuiltin.run, (flow) => {
  const trace = ftpBuiltin.trace!(flow);
  const kept = new Map<string, Expectation>();
  const liveAfter = trace.liveAfter.map((live) => {
    for (const e of live) kept.set(expectationText(e), e);
    return [...kept.values()];
  });
  return { outcome: trace.outcome, liveAfter };
});

const CR = 0x0d;

/** Forwards "\r" as "R" in every accepted line. */
export const flipsCarriageReturn = mutant("flips-cr", (flow) => {
  const outcome = ftpBuiltin.run(flow);
  return withOutcome(
    outcome,
    outcome.segments.map((s) =>
      s.verdict === "accept" ? { ...s, data: s.data.map((b) => (b === CR ? 0x52 : b)) } : s,
    ),
  );
});

/** Under NAT, also changes the last byte of every rewritten segment. */
export const flipsLastByteOfRewrites = mutant("flips-last-byte-of-rewrites", (flow) => {
  const outcome = ftpBuiltin.run(flow);
  return withOutcome(
    outcome,
    outcome.segments.map((s, i) => {
      if (s.verdict !== "accept" || sameBytes(s.data, flow.segments[i].data)) return s;
      const data = Uint8Array.from(s.data);
      data[data.length - 1] ^= 0x20;
      return { ...s, data };
    }),
  );
});

/** Forgets sequence adjustment: every accepted segment keeps its input seq. */
export const forgetsSeqadj = mutant("forgets-seqadj", (flow) => {
  const outcome = ftpBuiltin.run(flow);
  const seqs = inputSeqs(flow);
  return withOutcome(
    outcome,
    outcome.segments.map((s, i) => (s.verdict === "accept" ? { ...s, seq: seqs[i] } : s)),
  );
});

/** Rewrites PORT/EPRT to the client's real address instead of its NAT address. */
export const rewritesToRealAddress = mutant("rewrites-to-real-address", (flow) => {
  const outcome = ftpBuiltin.run(flow);
  if (!flow.nat) return outcome;
  const natBytes = addressBytes(flow.nat.client.addr);
  const realBytes = addressBytes(flow.client.addr);
  const pairs: [string, string][] =
    natBytes.length === 4
      ? [
          [[...natBytes].join(","), [...realBytes].join(",")],
          [flow.nat.client.addr, flow.client.addr],
        ]
      : [[formatIPv6Full(natBytes), formatIPv6Full(realBytes)]];
  return withOutcome(
    outcome,
    outcome.segments.map((s, i) => {
      if (
        s.verdict !== "accept" ||
        flow.segments[i].dir !== "orig" ||
        sameBytes(s.data, flow.segments[i].data)
      )
        return s;
      let text = String.fromCharCode(...s.data);
      for (const [from, to] of pairs) text = text.replace(from, to);
      return { ...s, data: asciiBytes(text) };
    }),
  );
});

/** Differs from the spec on EPRT: forgets the expectations of flows that carry one. */
export const forgetsEprtExpectations = mutant("forgets-eprt", (flow) => {
  const outcome = ftpBuiltin.run(flow);
  const eprt = flow.segments.some((s) => startsWith(s.data, "EPRT"));
  return eprt ? withOutcome(outcome, outcome.segments, []) : outcome;
});

/** Ignores EPRT's family field: reads any EPRT as naming the client itself. */
export const ignoresEprtFamily = mutant("ignores-eprt-family", (flow) => {
  const own = flow.client.addr;
  const family = own.includes(":") ? 2 : 1;
  const segments = flow.segments.map((s) => {
    if (!startsWith(s.data, "EPRT ")) return s;
    return { ...s, data: asciiBytes(`EPRT |${family}|${own}|4242|\r\n`) };
  });
  return ftpBuiltin.run({ ...flow, segments });
});

/** Behaves as if loose were always on. */
export const alwaysLoose = mutant("always-loose", (flow) =>
  ftpBuiltin.run({ ...flow, config: { ...flow.config, loose: true } }),
);

/** Parses the first segment of each direction too (kernel checklist item 1). */
export const parsesFirstSegment = mutant("parses-first-segment", (flow) => {
  const seqs = inputSeqs(flow);
  const primed = new Set<string>();
  const segments: Flow["segments"] = [];
  flow.segments.forEach((s, i) => {
    if (!primed.has(s.dir)) {
      primed.add(s.dir);
      // A fake line ending right where the first segment starts makes that position tracked.
      segments.push({ dir: s.dir, data: asciiBytes("X\r\n"), seq: seqAdd(seqs[i], -3) });
    }
    segments.push({ ...s, seq: seqs[i] });
  });
  const outcome = ftpBuiltin.run({ ...flow, segments });
  const fake = new Set<number>();
  const seen = new Set<string>();
  segments.forEach((s, i) => {
    if (!seen.has(s.dir)) {
      seen.add(s.dir);
      fake.add(i);
    }
  });
  return withOutcome(
    outcome,
    outcome.segments.filter((_, i) => !fake.has(i)),
  );
});

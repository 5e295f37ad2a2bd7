// Planted bugs in the FTP helper: targets that wrap the built-in one and break exactly one
// FTP rule each. The universal ones come from properties/core/generic-mutants.ts.

import { addressBytes, formatIPv6Full } from "../../helpers/core/address.ts";
import type { Flow } from "../../helpers/core/model.ts";
import { asciiBytes } from "../core/dialogue-flow.ts";
import { mutant, withOutcome } from "../core/generic-mutants.ts";
import { builtinTarget } from "../core/in-process.ts";
import { inputSeqs } from "../core/input-seqs.ts";
import { sameBytes } from "../core/outcome-text.ts";
import { seqAdd } from "../core/sequence-space.ts";

function startsWith(data: Uint8Array, keyword: string): boolean {
  return String.fromCharCode(...data.subarray(0, keyword.length)).toUpperCase() === keyword;
}

/** Rewrites PORT/EPRT to the client's real address instead of its NAT address. */
export const rewritesToRealAddress = mutant("rewrites-to-real-address", (flow) => {
  const outcome = builtinTarget.run(flow);
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
  const outcome = builtinTarget.run(flow);
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
  return builtinTarget.run({ ...flow, segments });
});

/** Behaves as if loose were always on. */
export const alwaysLoose = mutant("always-loose", (flow) =>
  builtinTarget.run({ ...flow, config: { ...flow.config, loose: true } }),
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
  const outcome = builtinTarget.run({ ...flow, segments });
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

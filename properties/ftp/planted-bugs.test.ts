// Every property must be able to fail: each planted bug is found within a modest budget
// with a fixed seed, and the same property holds on the unmutated built-in helper.

import { describe, expect, it } from "vitest";
import { checkProperty } from "../../harness/runner.ts";
import type { FlowProperty, SyncTarget } from "../core/property.ts";
import { ftpSubject } from "./ftp-subject.ts";
import { ftpProperties } from "./index.ts";
import * as bugs from "./mutants.ts";

const SEED = 20260518;
const FIND_WITHIN = 5000;
const HOLDS_FOR = 300;

function property(name: string): FlowProperty {
  const found = ftpProperties.find((p) => p.name === name);
  if (!found) throw new Error(`no property ${name}`);
  return found;
}

const plantedBugs: [string, () => SyncTarget, string][] = [
  ["never-throws", () => bugs.throwsOnNul, "threw"],
  ["deterministic", bugs.flaky, "differently"],
  ["well-formed-outcome", () => bugs.losesLastSegment, "segment outcomes for"],
  ["pinhole-only-to-endpoints", () => bugs.pinholeToThirdParty, "192.0.2.99"],
  ["max-live-expectations", () => bugs.evictsNothing, "policy allows 1"],
  ["bytes-outside-rewrite-unchanged", () => bugs.flipsCarriageReturn, "without NAT"],
  ["bytes-outside-rewrite-unchanged", () => bugs.flipsLastByteOfRewrites, "unit boundary"],
  ["sequence-adjustment-consistent", () => bugs.forgetsSeqadj, "seqadj gives"],
  ["differential", () => bugs.forgetsEprtExpectations, "differs from spec"],
  ["nat-rewrite-parses-back", () => bugs.rewritesToRealAddress, "the peer sees the sender as"],
  ["eprt-family-mismatch-never-expects", () => bugs.ignoresEprtFamily, "expected no expectation"],
  ["no-bounce-without-loose", () => bugs.alwaysLoose, "expected no expectation"],
  ["unparsed-position-never-expects", () => bugs.parsesFirstSegment, "expected no expectation"],
];

describe("planted bugs are found", () => {
  it.each(plantedBugs)("%s finds %#", (name, makeTarget, message) => {
    const result = checkProperty(property(name), ftpSubject(makeTarget()), {
      numRuns: FIND_WITHIN,
      seed: SEED,
    });
    expect(result.failure?.message).toContain(message);
    // A minimized counterexample is short.
    expect(result.failure!.flow.segments.length).toBeLessThanOrEqual(6);
  });

  it("covers every property", () => {
    const covered = new Set(plantedBugs.map(([name]) => name));
    expect(ftpProperties.map((p) => p.name).filter((n) => !covered.has(n))).toEqual([]);
  });
});

describe("the built-in FTP helper holds every property", () => {
  it.each(ftpProperties.map((p) => [p.name, p] as const))("%s", (_name, p) => {
    const result = checkProperty(p, ftpSubject(), { numRuns: HOLDS_FOR, seed: SEED });
    expect(result.failure?.message).toBeUndefined();
    expect(result.runs).toBe(HOLDS_FOR);
  });
});

describe("max-live-expectations without a trace", () => {
  it("says why it is skipped", () => {
    const noTrace = { name: "no-trace", run: ftpSubject().target.run };
    expect(property("max-live-expectations").skipReason?.(ftpSubject(noTrace))).toMatch(
      /no-trace cannot show its live expectations/,
    );
    expect(property("max-live-expectations").skipReason?.(ftpSubject())).toBeUndefined();
  });
});

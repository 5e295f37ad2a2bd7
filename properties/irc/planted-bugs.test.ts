// Every property must be able to fail: each planted bug is found within a modest budget
// with a fixed seed, and the same property holds on the unmutated built-in helper.

import { describe, expect, it } from "vitest";
import { checkProperty } from "../../harness/runner.ts";
import type { FlowProperty, SyncTarget } from "../core/property.ts";
import { ircProperties } from "./index.ts";
import { ircSubject } from "./irc-subject.ts";
import * as bugs from "./mutants.ts";

const SEED = 20260518;
const FIND_WITHIN = 3000;
const HOLDS_FOR = 200;

function property(name: string): FlowProperty {
  const found = ircProperties.find((p) => p.name === name);
  if (!found) throw new Error(`no property ${name}`);
  return found;
}

const plantedBugs: [string, () => SyncTarget, string][] = [
  ["never-throws", () => bugs.throwsOnNul, "threw"],
  ["deterministic", bugs.flaky, "differently"],
  ["well-formed-outcome", () => bugs.losesLastSegment, "segment outcomes for"],
  ["pinhole-only-to-endpoints", () => bugs.pinholeToThirdParty, "192.0.2.99"],
  ["max-live-expectations", () => bugs.evictsNothing, "policy allows 8"],
  ["bytes-outside-rewrite-unchanged", () => bugs.flipsCarriageReturn, "without NAT"],
  ["bytes-outside-rewrite-unchanged", () => bugs.flipsLastByteOfRewrites, "unit boundary"],
  ["sequence-adjustment-consistent", () => bugs.forgetsSeqadj, "seqadj gives"],
  ["differential", () => bugs.trustsServerAddress, "differs from"],
  ["nat-rewrite-parses-back", () => bugs.rewritesToRealAddress, "the server sees the client as"],
  ["forged-dcc-never-expects", () => bugs.trustsAnyAddress, "expected no expectation"],
  ["unanchored-dcc-never-expects", () => bugs.matchesDccAnywhere, "expected no expectation"],
  ["unanchored-dcc-never-expects", () => bugs.parsesReplyDirection, "expected no expectation"],
];

describe("planted bugs are found", () => {
  it.each(plantedBugs)("%s finds %#", (name, makeTarget, message) => {
    const result = checkProperty(property(name), ircSubject(makeTarget()), {
      numRuns: FIND_WITHIN,
      seed: SEED,
    });
    expect(result.failure?.message).toContain(message);
    // A minimized counterexample is short (a burst of 9 DCCs for max-live-expectations).
    expect(result.failure!.flow.segments.length).toBeLessThanOrEqual(12);
  });

  it("covers every property", () => {
    const covered = new Set(plantedBugs.map(([name]) => name));
    expect(ircProperties.map((p) => p.name).filter((n) => !covered.has(n))).toEqual([]);
  });
});

describe("the built-in IRC helper holds every property", () => {
  it.each(ircProperties.map((p) => [p.name, p] as const))("%s", (_name, p) => {
    const result = checkProperty(p, ircSubject(), { numRuns: HOLDS_FOR, seed: SEED });
    expect(result.failure?.message).toBeUndefined();
    expect(result.runs).toBe(HOLDS_FOR);
  });
});

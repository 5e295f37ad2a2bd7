// Every Amanda property must be able to fail: each planted bug is found within a modest
// budget with a fixed seed, and the same property holds on the unmutated built-in helper.

import { describe, expect, it } from "vitest";
import { checkProperty } from "../../harness/runner.ts";
import { helperRegistry } from "../../helpers/registry.ts";
import * as generic from "../core/generic-mutants.ts";
import type { FlowProperty, SyncTarget } from "../core/property.ts";
import { amandaBuiltin, amandaSubject } from "./amanda-subject.ts";
import { amandaProperties } from "./index.ts";
import * as bugs from "./mutants.ts";

const SEED = 20260518;
const FIND_WITHIN = 5000;
const HOLDS_FOR = 300;
const specRegistered = helperRegistry.amanda !== undefined;

function property(name: string): FlowProperty {
  const found = amandaProperties.find((p) => p.name === name);
  if (!found) throw new Error(`no property ${name}`);
  return found;
}

const plantedBugs: [string, () => SyncTarget, string][] = [
  ["never-throws", () => generic.throwsOnNul(amandaBuiltin), "threw"],
  ["deterministic", () => generic.flaky(amandaBuiltin), "differently"],
  ["well-formed-outcome", () => generic.losesLastSegment(amandaBuiltin), "segment outcomes for"],
  [
    "pinhole-only-to-endpoints",
    () => generic.pinholeToThirdParty(amandaBuiltin),
    "not an endpoint",
  ],
  ["max-live-expectations", () => generic.keepsEveryExpectation(amandaBuiltin), "policy allows 4"],
  ["bytes-outside-rewrite-unchanged", () => generic.changesLastByte(amandaBuiltin), "without NAT"],
  ["datagram-seq-unchanged", () => generic.shiftsLaterSegments(amandaBuiltin), "its input seq is"],
  ["differential", () => bugs.forgetsState, "differs from spec"],
  ["orig-never-expects", () => bugs.readsBothDirections, "the orig datagrams changed"],
  ["nat-rewrite-only-token-digits", () => bugs.rewritesWholeDigitRun, "no expected port"],
];

describe("planted Amanda bugs are found", () => {
  // The differential needs the spec model, which joins through helpers/registry.ts.
  const runnable = plantedBugs.filter(([name]) => specRegistered || name !== "differential");
  it.each(runnable)("%s finds %#", (name, makeTarget, message) => {
    const result = checkProperty(property(name), amandaSubject(makeTarget()), {
      numRuns: FIND_WITHIN,
      seed: SEED,
    });
    expect(result.failure?.message).toContain(message);
    expect(result.failure!.flow.segments.length).toBeLessThanOrEqual(4);
  });

  it("covers every property", () => {
    const covered = new Set(plantedBugs.map(([name]) => name));
    expect(amandaProperties.map((p) => p.name).filter((n) => !covered.has(n))).toEqual([]);
  });
});

describe("the built-in Amanda helper holds every property", () => {
  const runnable = amandaProperties.filter((p) => specRegistered || p.name !== "differential");
  it.each(runnable.map((p) => [p.name, p] as const))("%s", (_name, p) => {
    const result = checkProperty(p, amandaSubject(), { numRuns: HOLDS_FOR, seed: SEED });
    expect(result.failure?.message).toBeUndefined();
    expect(result.runs).toBe(HOLDS_FOR);
  });
});

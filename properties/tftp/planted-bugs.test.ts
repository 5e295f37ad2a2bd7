// Every TFTP property must be able to fail: each planted bug is found within a modest
// budget with a fixed seed, and the same property holds on the unmutated built-in helper.

import { describe, expect, it } from "vitest";
import { checkProperty } from "../../harness/runner.ts";
import { helperRegistry } from "../../helpers/registry.ts";
import * as generic from "../core/generic-mutants.ts";
import type { FlowProperty, SyncTarget } from "../core/property.ts";
import { tftpProperties } from "./index.ts";
import * as bugs from "./mutants.ts";
import { tftpBuiltin, tftpSubject } from "./tftp-subject.ts";

const SEED = 20260518;
const FIND_WITHIN = 5000;
const HOLDS_FOR = 300;
const specRegistered = helperRegistry.tftp !== undefined;

function property(name: string): FlowProperty {
  const found = tftpProperties.find((p) => p.name === name);
  if (!found) throw new Error(`no property ${name}`);
  return found;
}

const plantedBugs: [string, () => SyncTarget, string][] = [
  ["never-throws", () => generic.throwsOnNul(tftpBuiltin), "threw"],
  ["deterministic", () => generic.flaky(tftpBuiltin), "differently"],
  ["well-formed-outcome", () => generic.losesLastSegment(tftpBuiltin), "segment outcomes for"],
  ["pinhole-only-to-endpoints", () => generic.pinholeToThirdParty(tftpBuiltin), "not an endpoint"],
  ["max-live-expectations", () => generic.keepsEveryExpectation(tftpBuiltin), "policy allows 1"],
  ["bytes-outside-rewrite-unchanged", () => generic.changesLastByte(tftpBuiltin), "without NAT"],
  ["datagram-seq-unchanged", () => generic.shiftsLaterSegments(tftpBuiltin), "its input seq is"],
  ["differential", () => bugs.oackExpects, "differs from spec"],
  ["expectation-targets-client", () => bugs.expectsFromSenderTuple, "not udp"],
  ["one-expectation-per-request", () => bugs.ignoresServerRequests, "RRQ/WRQ datagrams created"],
];

describe("planted TFTP bugs are found", () => {
  // The differential needs the spec model, which joins through helpers/registry.ts.
  const runnable = plantedBugs.filter(([name]) => specRegistered || name !== "differential");
  it.each(runnable)("%s finds %#", (name, makeTarget, message) => {
    const result = checkProperty(property(name), tftpSubject(makeTarget()), {
      numRuns: FIND_WITHIN,
      seed: SEED,
    });
    expect(result.failure?.message).toContain(message);
    expect(result.failure!.flow.segments.length).toBeLessThanOrEqual(4);
  });

  it("covers every property", () => {
    const covered = new Set(plantedBugs.map(([name]) => name));
    expect(tftpProperties.map((p) => p.name).filter((n) => !covered.has(n))).toEqual([]);
  });
});

describe("the built-in TFTP helper holds every property", () => {
  const runnable = tftpProperties.filter((p) => specRegistered || p.name !== "differential");
  it.each(runnable.map((p) => [p.name, p] as const))("%s", (_name, p) => {
    const result = checkProperty(p, tftpSubject(), { numRuns: HOLDS_FOR, seed: SEED });
    expect(result.failure?.message).toBeUndefined();
    expect(result.runs).toBe(HOLDS_FOR);
  });
});

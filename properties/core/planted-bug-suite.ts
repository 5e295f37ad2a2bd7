// The planted-bug suite every property kit runs from its planted-bugs.test.ts: each planted
// bug is found within a modest budget with a fixed seed (so every property can fail), the
// list covers every property, and the same properties hold on the unmutated built-in
// helper.

import { describe, expect, it } from "vitest";
import { helperRegistry } from "../../helpers/registry.ts";
import * as generic from "./generic-mutants.ts";
import { builtinTarget } from "./in-process.ts";
import type { FlowProperty, SyncTarget } from "./property.ts";
import { checkProperty } from "./runner.ts";
import { subjectFor } from "./subject.ts";

/** [property name, the buggy target that must break it, a piece of the failure message] */
export type PlantedBug = [string, () => SyncTarget, string];

export interface PlantedBugSuite {
  /** The registry name, e.g. "ftp". */
  helper: string;
  /** How the suite names the helper, e.g. "FTP". */
  label: string;
  properties: FlowProperty[];
  /** The protocol's own planted bugs (the universal ones are added by the suite). */
  plantedBugs: PlantedBug[];
  findWithin: number;
  holdsFor: number;
  /** A minimized counterexample is short: at most this many segments. */
  maxSegments: number;
  /** false for a TCP helper without a NAT half (SANE): nothing is ever rewritten, so the
   * rewrite and sequence-adjustment bugs are planted as for a datagram helper. */
  natRewrites?: boolean;
  /** Universal properties whose generic planted bug cannot break this helper (talk keeps
   * its first expectation and never creates a second one, so a target that never evicts
   * looks like the real one): the helper's own plantedBugs must cover them instead. */
  replacesUniversalBugs?: readonly string[];
}

export const PLANTED_BUG_SEED = 20260518;

export function propertyNamed(properties: FlowProperty[], name: string): FlowProperty {
  const found = properties.find((p) => p.name === name);
  if (!found) throw new Error(`no property ${name}`);
  return found;
}

/** The bugs that break the universal properties, the same for every helper: what differs
 * is the policy limit and, for a datagram helper, the sequence rule. */
export function universalPlantedBugs(helperName: string, natRewrites = true): PlantedBug[] {
  const { helper } = helperRegistry[helperName];
  const bugs: PlantedBug[] = [
    ["never-throws", () => generic.throwsOnNul(builtinTarget), "threw"],
    ["deterministic", () => generic.flaky(builtinTarget), "differently"],
    ["well-formed-outcome", () => generic.losesLastSegment(builtinTarget), "segment outcomes for"],
    // IPv4 pinholes only, so the counterexample names 192.0.2.99.
    [
      "pinhole-only-to-endpoints",
      () => generic.pinholeToThirdParty(builtinTarget, [4]),
      "192.0.2.99",
    ],
    [
      "max-live-expectations",
      () => generic.keepsEveryExpectation(builtinTarget),
      `policy allows ${helper.policy.maxExpected}`,
    ],
    // The never-evicting (and never-replacing) target: its live sets are the spec's plus
    // what the spec evicted or replaced.
    ["live-expectations-match", () => generic.keepsEveryExpectation(builtinTarget), "holds ["],
  ];
  if ((helper.transports ?? [helper.l4]).length > 1) {
    // UDP and TCP (SIP): the TCP rewrite and seqadj bugs, and the datagram one.
    bugs.push(
      [
        "bytes-outside-rewrite-unchanged",
        () => generic.flipsCarriageReturn(builtinTarget),
        "without NAT",
      ],
      [
        "sequence-adjustment-consistent",
        () => generic.forgetsSequenceAdjustment(builtinTarget),
        "seqadj gives",
      ],
      [
        "datagram-seq-unchanged",
        () => generic.shiftsLaterSegments(builtinTarget),
        "its input seq is",
      ],
    );
  } else if (helper.l4 === "tcp" && !natRewrites) {
    bugs.push(
      [
        "bytes-outside-rewrite-unchanged",
        () => generic.changesLastByte(builtinTarget),
        "without NAT",
      ],
      [
        "sequence-adjustment-consistent",
        () => generic.shiftsLaterSegments(builtinTarget),
        "seqadj gives",
      ],
    );
  } else if (helper.l4 === "tcp") {
    bugs.push(
      [
        "bytes-outside-rewrite-unchanged",
        () => generic.flipsCarriageReturn(builtinTarget),
        "without NAT",
      ],
      [
        "bytes-outside-rewrite-unchanged",
        () => generic.changesLastByteOfRewrites(builtinTarget),
        "unit boundary",
      ],
      [
        "sequence-adjustment-consistent",
        () => generic.forgetsSequenceAdjustment(builtinTarget),
        "seqadj gives",
      ],
    );
  } else {
    bugs.push(
      [
        "bytes-outside-rewrite-unchanged",
        () => generic.changesLastByte(builtinTarget),
        "without NAT",
      ],
      [
        "datagram-seq-unchanged",
        () => generic.shiftsLaterSegments(builtinTarget),
        "its input seq is",
      ],
    );
  }
  return bugs;
}

export function describePlantedBugs(suite: PlantedBugSuite): void {
  const { properties } = suite;
  const subject = (target?: SyncTarget) => subjectFor(suite.helper, target);
  const replaced = new Set(suite.replacesUniversalBugs ?? []);
  const plantedBugs = [
    ...universalPlantedBugs(suite.helper, suite.natRewrites).filter(
      ([name]) => !replaced.has(name),
    ),
    ...suite.plantedBugs,
  ];

  describe(`planted ${suite.label} bugs are found`, () => {
    it.each(plantedBugs)("%s finds %#", (name, makeTarget, message) => {
      const result = checkProperty(propertyNamed(properties, name), subject(makeTarget()), {
        numRuns: suite.findWithin,
        seed: PLANTED_BUG_SEED,
      });
      expect(result.failure?.message).toContain(message);
      expect(result.failure!.flow.segments.length).toBeLessThanOrEqual(suite.maxSegments);
    });

    it("covers every property", () => {
      const covered = new Set(plantedBugs.map(([name]) => name));
      expect(properties.map((p) => p.name).filter((n) => !covered.has(n))).toEqual([]);
    });
  });

  describe(`the built-in ${suite.label} helper holds every property`, () => {
    it.each(properties.map((p) => [p.name, p] as const))("%s", (_name, p) => {
      const result = checkProperty(p, subject(), {
        numRuns: suite.holdsFor,
        seed: PLANTED_BUG_SEED,
      });
      expect(result.failure?.message).toBeUndefined();
      expect(result.runs).toBe(suite.holdsFor);
    });
  });
}

// The planted-bug suite every property kit runs from its planted-bugs.test.ts: each planted
// bug is found within a modest budget with a fixed seed (so every property can fail), the
// list covers every property, and the same properties hold on the unmutated built-in
// helper.

import { describe, expect, it } from "vitest";
import { checkProperty } from "../../harness/runner.ts";
import { helperRegistry } from "../../helpers/registry.ts";
import type { FlowProperty, SyncTarget } from "./property.ts";
import { subjectFor } from "./subject.ts";

/** [property name, the buggy target that must break it, a piece of the failure message] */
export type PlantedBug = [string, () => SyncTarget, string];

export interface PlantedBugSuite {
  /** The registry name, e.g. "ftp". */
  helper: string;
  /** How the suite names the helper, e.g. "FTP". */
  label: string;
  properties: FlowProperty[];
  plantedBugs: PlantedBug[];
  findWithin: number;
  holdsFor: number;
  /** A minimized counterexample is short: at most this many segments. */
  maxSegments: number;
}

export const PLANTED_BUG_SEED = 20260518;

export function propertyNamed(properties: FlowProperty[], name: string): FlowProperty {
  const found = properties.find((p) => p.name === name);
  if (!found) throw new Error(`no property ${name}`);
  return found;
}

export function describePlantedBugs(suite: PlantedBugSuite): void {
  const { properties } = suite;
  const subject = (target?: SyncTarget) => subjectFor(suite.helper, target);
  // The differential needs the spec model, which joins through helpers/registry.ts.
  const specRegistered = helperRegistry[suite.helper] !== undefined;
  const runnable = (name: string) => specRegistered || name !== "differential";

  describe(`planted ${suite.label} bugs are found`, () => {
    const bugs = suite.plantedBugs.filter(([name]) => runnable(name));
    it.each(bugs)("%s finds %#", (name, makeTarget, message) => {
      const result = checkProperty(propertyNamed(properties, name), subject(makeTarget()), {
        numRuns: suite.findWithin,
        seed: PLANTED_BUG_SEED,
      });
      expect(result.failure?.message).toContain(message);
      expect(result.failure!.flow.segments.length).toBeLessThanOrEqual(suite.maxSegments);
    });

    it("covers every property", () => {
      const covered = new Set(suite.plantedBugs.map(([name]) => name));
      expect(properties.map((p) => p.name).filter((n) => !covered.has(n))).toEqual([]);
    });
  });

  describe(`the built-in ${suite.label} helper holds every property`, () => {
    const held = properties.filter((p) => runnable(p.name));
    it.each(held.map((p) => [p.name, p] as const))("%s", (_name, p) => {
      const result = checkProperty(p, subject(), {
        numRuns: suite.holdsFor,
        seed: PLANTED_BUG_SEED,
      });
      expect(result.failure?.message).toBeUndefined();
      expect(result.runs).toBe(suite.holdsFor);
    });
  });
}

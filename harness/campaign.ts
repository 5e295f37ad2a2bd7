// A campaign: every property of the chosen helpers against one target, with a reference
// (the spec model, or the fast helper when the spec model is what is checked). Shared by
// `run` and `check`; its chunks run in a pool of worker threads (campaign-pool.ts) so the
// main thread stays free for signals and the report.

import { propertyRegistry } from "../properties/registry.ts";
import type { ChunkRecord, Shard } from "./campaign-chunks.ts";
import type { FailingOutcomes, SavedCaseFailure } from "./campaign-units.ts";
import type { FindingRecord } from "./findings.ts";
import type { KnownTally } from "./known-difference-mask.ts";
import type { PropertyResult } from "./runner.ts";
import type { CoverageTally } from "./spec-coverage.ts";
import type { ProcessTargetOptions } from "./targets/process-target.ts";

/** What a campaign is, in plain data: it crosses into the worker thread as it is. */
export interface CampaignPlan {
  helpers: string[];
  /** Only these property names (all when absent). */
  properties?: string[];
  /** Flows per property; Number.MAX_SAFE_INTEGER = no cap (a --time budget alone). */
  runs: number;
  /** Wall-clock budget for the whole campaign, shrinking included, shared among its
   * properties. */
  timeSeconds?: number;
  seed: number;
  /** The target as spelled on the command line: builtin, spec, module:PATH, cmd:COMMAND. */
  target: string;
  targetOptions?: ProcessTargetOptions;
  reference: "spec" | "builtin";
  findingsDir: string;
  /** Worker threads (default: the machine's cores). */
  workers?: number;
  /** Only this shard's chunks (campaign-chunks.ts ownsChunk). */
  shard?: Shard;
  /** Replay saved findings and corpus cases before any generation (default true). */
  replaySaved?: boolean;
  /** Print the whole spec coverage table in the summary (spec-coverage.ts). */
  coverageTable?: boolean;
  /** Report files to write at the end (campaign-report.ts). */
  reports?: { kind: "json" | "junit" | "markdown"; file: string }[];
  /** A third-party known-differences file (harness/known-differences.ts): each worker masks
   * the differences it documents (known-difference-mask.ts) and tallies them. */
  knownDifferences?: string;
}

export interface CampaignEntry {
  helper: string;
  result: PropertyResult;
  /** The runs asked for, when there was a cap. */
  askedRuns?: number;
  /** Where the failure went (saved, already saved, or not on disk and why). */
  finding?: FindingRecord;
  /** The failing flow's outcomes for the report: an outcome, or what the target threw. */
  outcomes?: FailingOutcomes;
  /** The chunks that count, in order (the last one ended the property, when one did). */
  chunks?: ChunkRecord[];
  /** The replay of saved cases (the entry's property is SAVED_PROPERTY): how many were
   * checked, and each that failed again. */
  saved?: { cases: number; failures: SavedCaseFailure[]; problems: string[] };
  /** The property was cut at its share of the time budget by a flow that held its worker
   * past it (the harness's doing, not a finding; the entry also has a harnessError). */
  cut?: boolean;
  /** The known differences masked in it (plan.knownDifferences), over the chunks that count. */
  known?: KnownTally;
  /** What the spec model reached on its flows, over the chunks that count. */
  coverage?: CoverageTally;
  /** When its first unit went out (epoch ms): the start of its time to find a class. */
  startedAt?: number;
}

/** The name under which a helper's replay of saved cases is reported. */
export const SAVED_PROPERTY = "saved-cases";

export type PlannedProperty = {
  helper: string;
  property: (typeof propertyRegistry)[string]["properties"][number];
};

export function plannedProperties(
  options: Pick<CampaignPlan, "helpers" | "properties">,
): PlannedProperty[] {
  const plan: PlannedProperty[] = [];
  for (const helper of options.helpers) {
    for (const property of propertyRegistry[helper].properties) {
      if (options.properties && !options.properties.includes(property.name)) continue;
      plan.push({ helper, property });
    }
  }
  return plan;
}

/** The runs asked for, or undefined when only a time budget bounds them. */
export function askedRuns(runs: number): number | undefined {
  return runs < Number.MAX_SAFE_INTEGER ? runs : undefined;
}

export type CampaignCommand = "run" | "check";

export interface CampaignReport {
  plan: CampaignPlan;
  command: CampaignCommand;
  entries: CampaignEntry[];
  /** How often a cmd: target's program was started. */
  targetStarts?: number;
  /** The harness's own trouble that ended the campaign early. */
  harnessError?: string;
  /** Worker threads it ran on. */
  workers: number;
  /** Wall-clock time of the campaign, from its first saved case to its last property. */
  durationMs: number;
  startedAt: string;
  /** When its clock started (epoch ms; the workers' start-up not counted). */
  clockStartedAt?: number;
}

// A campaign: every property of the chosen helpers against one target, with a reference
// (the spec model, or the fast helper when the spec model is what is checked). Shared by
// `run` and `check`; it runs in a worker thread (campaign-worker.ts) so the main thread stays
// free for signals and the report, and it can run in-process (tests).

import type { Flow, Outcome } from "../helpers/core/model.ts";
import { helperRegistry } from "../helpers/registry.ts";
import type { Subject, SyncTarget } from "../properties/core/property.ts";
import { propertyRegistry } from "../properties/registry.ts";
import { type FindingRecord, saveFinding } from "./findings.ts";
import type { Progress } from "./progress.ts";
import { checkProperty, type PropertyResult } from "./runner.ts";
import { isMisbehaviourMessage } from "./targets/misbehaviour.ts";
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
}

export interface CampaignEntry {
  helper: string;
  result: PropertyResult;
  /** The runs asked for, when there was a cap. */
  askedRuns?: number;
  /** Where the failure went (saved, already saved, or not on disk and why). */
  finding?: FindingRecord;
  /** The failing flow's outcomes for the report: an outcome, or what the target threw. */
  outcomes?: { target: Outcome | string; reference: Outcome | string; referenceName: string };
}

export interface CampaignHooks {
  progress?: Progress;
  /** Called once a property is done (its finding, if any, is already on disk). */
  onResult?: (entry: CampaignEntry, index: number) => void;
  /** Checked before each property: true ends the campaign there. */
  stopping?: () => boolean;
}

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

/** Every planned property in order against `target`; returns their entries. */
export function runCampaign(
  plan: CampaignPlan,
  target: SyncTarget,
  reference: SyncTarget,
  hooks: CampaignHooks = {},
): CampaignEntry[] {
  const planned = plannedProperties(plan);
  const entries: CampaignEntry[] = [];
  const deadline =
    plan.timeSeconds === undefined ? undefined : performance.now() + plan.timeSeconds * 1000;
  for (const [index, { helper, property }] of planned.entries()) {
    if (hooks.stopping?.()) break;
    const subject: Subject = { target, reference, helper: helperRegistry[helper].helper };
    hooks.progress?.start(`${helper}/${property.name}`, plan.runs);
    const result = checkProperty(property, subject, {
      numRuns: plan.runs,
      seed: plan.seed,
      timeLimitMs: deadline === undefined ? undefined : share(deadline, planned.length - index),
      onProgress: (runs) => hooks.progress?.update(runs),
      progressEvery: 1,
    });
    hooks.progress?.stop();
    const entry: CampaignEntry = { helper, result, askedRuns: askedRuns(plan.runs) };
    if (result.failure) {
      const outcomes = failingOutcomes(
        result.failure.flow,
        result.failure.message,
        target,
        reference,
      );
      const outcome = typeof outcomes.target === "string" ? undefined : outcomes.target;
      entry.finding = saveFinding(plan.findingsDir, helper, result, outcome);
      entry.outcomes = outcomes;
    }
    entries.push(entry);
    hooks.onResult?.(entry, index);
  }
  return entries;
}

/** A property's part of the time left: an even share of it, at least 100 ms while any is
 * left, none once it is spent (the property then reports 0 runs, ended by the budget). */
function share(deadline: number, propertiesLeft: number): number {
  const left = deadline - performance.now();
  if (left <= 0) return 0;
  return Math.min(left, Math.max(100, left / propertiesLeft));
}

/** Both outcomes of a failing flow, each computed once (the server-side capture uses the
 * target's). A target that misbehaved on it is not asked again: that would only cost another
 * flow timeout to learn what the message already says. */
function failingOutcomes(
  flow: Flow,
  message: string,
  target: SyncTarget,
  reference: SyncTarget,
): NonNullable<CampaignEntry["outcomes"]> {
  const attempt = (run: () => Outcome): Outcome | string => {
    try {
      return run();
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      return `threw: ${text.split("\n")[0]}`;
    }
  };
  return {
    target: isMisbehaviourMessage(message)
      ? message.split("\n")[0]
      : attempt(() => target.run(flow)),
    reference: attempt(() => reference.run(flow)),
    referenceName: reference.name,
  };
}

// A campaign: every property of the chosen helpers against one target, with the spec model
// as reference. Shared by `run` and (later) `check`.

import type { Flow, Outcome } from "../helpers/core/model.ts";
import { helperRegistry } from "../helpers/registry.ts";
import type { Subject, SyncTarget } from "../properties/core/property.ts";
import { propertyRegistry } from "../properties/registry.ts";
import { saveFinding } from "./findings.ts";
import type { Progress } from "./progress.ts";
import { checkProperty, type PropertyResult } from "./runner.ts";

export interface CampaignOptions {
  helpers: string[];
  /** Only these property names (all when absent). */
  properties?: string[];
  runs: number;
  /** Wall-clock budget for the whole campaign, shared evenly among its properties. */
  timeSeconds?: number;
  seed: number;
  target: SyncTarget;
  reference: SyncTarget;
  findingsDir: string;
  progress?: Progress;
  /** Called once a property is done (its finding, if any, is already on disk). */
  onResult?: (entry: CampaignEntry) => void;
}

export interface CampaignEntry {
  helper: string;
  result: PropertyResult;
  findingPath?: string;
}

export function plannedProperties(options: Pick<CampaignOptions, "helpers" | "properties">) {
  const plan: {
    helper: string;
    property: (typeof propertyRegistry)[string]["properties"][number];
  }[] = [];
  for (const helper of options.helpers) {
    for (const property of propertyRegistry[helper].properties) {
      if (options.properties && !options.properties.includes(property.name)) continue;
      plan.push({ helper, property });
    }
  }
  return plan;
}

export function runCampaign(options: CampaignOptions): CampaignEntry[] {
  const plan = plannedProperties(options);
  const entries: CampaignEntry[] = [];
  const deadline =
    options.timeSeconds === undefined ? undefined : performance.now() + options.timeSeconds * 1000;
  plan.forEach(({ helper, property }, index) => {
    const subject: Subject = {
      target: options.target,
      reference: options.reference,
      helper: helperRegistry[helper].helper,
    };
    const timeLimitMs =
      deadline === undefined
        ? undefined
        : Math.max(100, (deadline - performance.now()) / (plan.length - index));
    options.progress?.start(`${helper}/${property.name}`, options.runs);
    const result = checkProperty(property, subject, {
      numRuns: options.runs,
      seed: options.seed,
      timeLimitMs,
      onProgress: (runs) => options.progress?.update(runs),
      progressEvery: 500,
    });
    options.progress?.stop();
    const entry: CampaignEntry = { helper, result };
    if (result.failure) {
      const outcome = outcomeOrNothing(options.target, result.failure.flow);
      entry.findingPath = saveFinding(options.findingsDir, helper, result, outcome).path;
    }
    entries.push(entry);
    options.onResult?.(entry);
  });
  return entries;
}

/** The target's outcome for a failing flow, when it has one (it may be what throws). */
function outcomeOrNothing(target: SyncTarget, flow: Flow): Outcome | undefined {
  try {
    return target.run(flow);
  } catch {
    return undefined;
  }
}

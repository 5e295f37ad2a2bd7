// A campaign worker thread of the pool (campaign-pool.ts starts them through tinypool and
// campaign-worker-entry.mjs): it opens the plan's target once (one program per worker for
// cmd: and cthelper: targets) and checks the units it is handed, one at a time: a chunk of a
// property, or a helper's saved cases. Properties call target.run synchronously and a cmd:
// target blocks this thread on Atomics.wait; the main thread, free, keeps the signals.

import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { threadId } from "node:worker_threads";
import Tinypool from "tinypool";
import type { Flow, Outcome } from "../helpers/core/model.ts";
import { helperRegistry } from "../helpers/registry.ts";
import type { SyncTarget } from "../properties/core/property.ts";
import { propertyRegistry } from "../properties/registry.ts";
import { type CampaignPlan, SAVED_PROPERTY } from "./campaign.ts";
import {
  CHILDREN_CHANNEL,
  type FailingOutcomes,
  SHARED,
  type UnitAnswer,
  type UnitTask,
} from "./campaign-units.ts";
import { onChildChange } from "./child-processes.ts";
import { compareOutcome, loadCase } from "./corpus.ts";
import { type MaskedTarget, maskKnownDifferences } from "./known-difference-mask.ts";
import {
  loadThirdPartyKnownDifferences,
  type ThirdPartyKnownDifference,
} from "./known-differences.ts";
import { checkProperty } from "./runner.ts";
import { type CoverageTally, countingRefused, countingSpec } from "./spec-coverage.ts";
import { aroundRuns } from "./targets/around-runs.ts";
import { builtinTarget, specTarget } from "./targets/in-process.ts";
import { isMisbehaviourMessage } from "./targets/misbehaviour.ts";
import { type OpenedTarget, openTarget } from "./targets/open-target.ts";
import { HarnessError } from "./usage.ts";

const { shared } = Tinypool.workerData as { shared: SharedArrayBuffer };
const state = new Int32Array(shared);
const stopping = () => Atomics.load(state, SHARED.stop) === 1;

// The main thread owns the ending of every child: it hears of each one here.
const children = new BroadcastChannel(CHILDREN_CHANNEL(process.env.HELPERFUZZ_SESSION));
onChildChange((change) => children.postMessage(change));

let opened: { key: string; target: Promise<OpenedTarget> } | undefined;

function openedTarget(plan: CampaignPlan): Promise<OpenedTarget> {
  const key = JSON.stringify([plan.target, plan.targetOptions]);
  if (opened?.key !== key) opened = { key, target: openTarget(plan.target, plan.targetOptions) };
  return opened.target;
}

let knownFile: { path: string; entries: ThirdPartyKnownDifference[] } | undefined;

/** The plan's known differences (read once per worker). */
function knownDifferences(plan: CampaignPlan): ThirdPartyKnownDifference[] {
  const path = plan.knownDifferences;
  if (path === undefined) return [];
  if (knownFile?.path !== path)
    knownFile = { path, entries: loadThirdPartyKnownDifferences(path).differences };
  return knownFile.entries;
}

/** The tinypool task: never throws (an error crosses threads without its class), answers. */
export default async function runUnit({ plan, unit }: UnitTask): Promise<UnitAnswer> {
  try {
    if (unit.kind === "close") return await closeTarget();
    const target = await openedTarget(plan);
    // Once the main thread says stop, no flow starts (and so no program is started).
    const guarded = aroundRuns(target as SyncTarget, (call) => {
      if (stopping()) throw new HarnessError("the campaign was interrupted");
      return call();
    });
    // The spec model counts the behaviour classes it reaches on generated flows (chunks
    // only: saved cases are not generation), whether it is the reference or the target.
    const counting =
      unit.kind === "chunk"
        ? countingSpec(plan.reference === "spec" ? specTarget : guarded)
        : undefined;
    const reference = plan.reference === "spec" ? (counting?.target ?? specTarget) : builtinTarget;
    const checkedTarget = plan.reference !== "spec" && counting ? counting.target : guarded;
    const starts = (target as { starts?: unknown }).starts;
    const started = typeof starts === "number" ? { starts, worker: threadId } : {};
    // With a known-differences file, the known classes are masked (saved cases too).
    const known = knownDifferences(plan);
    const mask =
      known.length > 0 ? maskKnownDifferences(checkedTarget, reference, known) : undefined;
    const masked = mask?.target ?? checkedTarget;
    const checked =
      counting && plan.reference === "spec" ? countingRefused(masked, counting.target) : masked;
    switch (unit.kind) {
      case "open":
        return { kind: "open", targetName: target.name, ...started };
      case "chunk": {
        const slot = SHARED.firstProperty + unit.index;
        mask?.setContext({ property: unit.property, flowNumber: () => Atomics.load(state, slot) });
        const answer = checkChunk(plan, unit, checked, reference);
        return { ...answer, ...tallied(mask), ...covered(counting?.take()), ...started };
      }
      case "saved": {
        let cases = 0;
        mask?.setContext({ property: SAVED_PROPERTY, flowNumber: () => cases });
        const answer = replaySaved(plan, unit.helper, unit.dirs, checked, reference, () => {
          cases++;
        });
        return { ...answer, ...tallied(mask), ...started };
      }
    }
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    return { kind: "error", name: e.name, message: e.message, stack: e.stack };
  }
}

/** The mask's tally of the unit, when any class was masked. */
function tallied(mask: MaskedTarget | undefined) {
  const known = mask?.take();
  return known && Object.keys(known).length > 0 ? { known } : {};
}

/** The chunk's spec coverage, when the spec model ran in it. */
function covered(coverage: CoverageTally | undefined) {
  return coverage && coverage.specRuns > 0 ? { coverage } : {};
}

/** The target closes (its program ends) with the campaign; how often it was started. */
async function closeTarget(): Promise<UnitAnswer> {
  const target = await opened?.target.catch(() => undefined);
  opened = undefined;
  const starts = (target as { starts?: unknown } | undefined)?.starts;
  await target?.close();
  return { kind: "close", ...(typeof starts === "number" ? { starts, worker: threadId } : {}) };
}

function checkChunk(
  plan: CampaignPlan,
  unit: Extract<UnitTask["unit"], { kind: "chunk" }>,
  target: SyncTarget,
  reference: SyncTarget,
): UnitAnswer {
  const { helper, property: name } = unit;
  const property = propertyRegistry[helper].properties.find((p) => p.name === name);
  if (!property) throw new HarnessError(`no property ${helper}/${name}`);
  const slot = SHARED.firstProperty + unit.index;
  const result = checkProperty(
    property,
    { target, reference, helper: helperRegistry[helper].helper },
    {
      numRuns: plan.runs,
      seed: plan.seed,
      chunk: unit.chunk,
      timeLimitMs: unit.timeLimitMs,
      onProgress: () => Atomics.add(state, slot, 1),
      progressEvery: 1,
    },
  );
  const outcomes = result.failure
    ? failingOutcomes(result.failure.flow, result.failure.message, target, reference)
    : undefined;
  return { kind: "chunk", index: unit.index, chunk: unit.chunk, result, outcomes };
}

/** Every saved finding and corpus case of `helper` under `dirs`, each checked as it was
 * saved: a finding against its own property (when the plan checks it), a corpus case with a
 * stated outcome against that outcome (when the plan checks `differential`: a case is a
 * differential check against its written answer). */
function replaySaved(
  plan: CampaignPlan,
  helper: string,
  dirs: string[],
  target: SyncTarget,
  reference: SyncTarget,
  onCase: () => void = () => {},
): UnitAnswer {
  const started = performance.now();
  const checks = (name: string) =>
    propertyRegistry[helper].properties.some((p) => p.name === name) &&
    (plan.properties === undefined || plan.properties.includes(name));
  const subject = { target, reference, helper: helperRegistry[helper].helper };
  const answer: Extract<UnitAnswer, { kind: "saved" }> = {
    kind: "saved",
    helper,
    cases: 0,
    failures: [],
    problems: [],
    durationMs: 0,
  };
  for (const file of dirs.flatMap(jsonFilesUnder)) {
    let saved: ReturnType<typeof loadCase>;
    try {
      saved = loadCase(file);
    } catch (error) {
      answer.problems.push(error instanceof Error ? error.message : String(error));
      continue;
    }
    if (saved.flow.helper !== helper) continue;
    const property = saved.found
      ? propertyRegistry[helper].properties.find((p) => p.name === saved.found!.property)
      : undefined;
    let message: string | undefined;
    if (property && checks(property.name)) {
      if (property.skipReason?.(subject) !== undefined) continue;
      answer.cases++;
      onCase();
      try {
        property.check(saved.flow, subject);
      } catch (error) {
        if (error instanceof HarnessError) throw error;
        message = error instanceof Error ? error.message : String(error);
      }
    } else if (!saved.found && saved.expected && checks("differential")) {
      if (target.notRunnable?.(saved.flow) !== undefined) continue;
      answer.cases++;
      onCase();
      try {
        const differences = compareOutcome(saved.expected, target.run(saved.flow));
        if (differences.length > 0)
          message = `differs from the case's outcome: ${differences.join("; ")}`;
      } catch (error) {
        if (error instanceof HarnessError) throw error;
        message = `threw: ${error instanceof Error ? error.message : String(error)}`;
      }
    } else {
      continue;
    }
    if (message === undefined) continue;
    answer.failures.push({
      file,
      name: saved.name,
      property: property?.name ?? "differential",
      message,
      flow: saved.flow,
      outcomes: failingOutcomes(saved.flow, message, target, reference),
    });
  }
  answer.durationMs = performance.now() - started;
  return answer;
}

function jsonFilesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...jsonFilesUnder(path));
    else if (entry.isFile() && entry.name.endsWith(".json")) files.push(path);
  }
  return files.sort();
}

/** Both outcomes of a failing flow, each computed once (the server-side capture uses the
 * target's). A target that misbehaved on it is not asked again: that would only cost another
 * flow timeout to learn what the message already says. */
function failingOutcomes(
  flow: Flow,
  message: string,
  target: SyncTarget,
  reference: SyncTarget,
): FailingOutcomes {
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

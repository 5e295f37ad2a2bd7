// Runs one property with fast-check: a run budget and a time budget, a progress callback,
// shrinking, and a result that carries what replays the failure exactly (seed + path).
// Used by the vitest suites and by `helperfuzz run`.

import fc from "fast-check";
import type { Flow } from "../helpers/core/model.ts";
import type { FlowProperty, Subject } from "../properties/core/property.ts";

export interface RunOptions {
  /** Generated flows to check (the campaign stops earlier when timeLimitMs runs out). */
  numRuns: number;
  seed?: number;
  /** fast-check replay path of a saved failure. */
  path?: string;
  /** Stop generating new flows after this long (shrinking a failure still completes). */
  timeLimitMs?: number;
  /** Called every `progressEvery` runs with the number of flows checked so far. */
  onProgress?: (runs: number) => void;
  progressEvery?: number;
  /** Cap on shrink steps, so a pathological failure still ends. */
  maxShrinkSteps?: number;
}

export interface PropertyFailure {
  /** The minimized counterexample. */
  flow: Flow;
  /** What the property said about it. */
  message: string;
  seed: number;
  /** fast-check path that replays the minimized counterexample with `seed`. */
  path: string;
  shrinks: number;
}

export interface PropertyResult {
  property: string;
  target: string;
  runs: number;
  seed: number;
  durationMs: number;
  /** Ended by the time budget before numRuns. */
  timedOut: boolean;
  /** Why the property was not checked against this target (nothing ran). */
  skipped?: string;
  failure?: PropertyFailure;
}

export function checkProperty(
  property: FlowProperty,
  subject: Subject,
  options: RunOptions,
): PropertyResult {
  const seed = options.seed ?? (Date.now() ^ (Math.random() * 0x7fffffff)) | 0;
  const skipped = property.skipReason?.(subject);
  if (skipped !== undefined) {
    return {
      property: property.name,
      target: subject.target.name,
      runs: 0,
      seed,
      durationMs: 0,
      timedOut: false,
      skipped,
    };
  }
  const every = options.progressEvery ?? 1000;
  let runs = 0;
  let lastMessage = "";
  const started = performance.now();
  const deadline = options.timeLimitMs === undefined ? Infinity : started + options.timeLimitMs;
  let shrinking = false;

  const predicate = fc.property(property.arbitrary, (flow) => {
    if (!shrinking) {
      runs++;
      if (options.onProgress && runs % every === 0) options.onProgress(runs);
    }
    try {
      property.check(flow, subject);
      return true;
    } catch (error) {
      shrinking = true;
      lastMessage = error instanceof Error ? error.message : String(error);
      throw error;
    }
  });

  const details = fc.check(predicate, {
    numRuns: options.numRuns,
    seed,
    path: options.path,
    endOnFailure: false,
    interruptAfterTimeLimit:
      options.timeLimitMs === undefined ? undefined : Math.max(1, deadline - performance.now()),
    markInterruptAsFailure: false,
    // Shrinking must always finish what it started, so it is bounded in steps, not time.
    ...(options.maxShrinkSteps === undefined ? {} : { skipAllAfterTimeLimit: undefined }),
  });

  const result: PropertyResult = {
    property: property.name,
    target: subject.target.name,
    runs: Math.min(runs, options.numRuns),
    seed,
    durationMs: performance.now() - started,
    timedOut: details.interrupted,
  };
  if (details.failed && details.counterexample) {
    // Re-run the minimized flow so the message is about it, not about the first failure.
    const flow = details.counterexample[0] as Flow;
    let message = lastMessage;
    try {
      property.check(flow, subject);
    } catch (error) {
      message = error instanceof Error ? error.message : String(error);
    }
    result.failure = {
      flow,
      message,
      seed: details.seed,
      path: details.counterexamplePath ?? "",
      shrinks: details.numShrinks,
    };
  }
  return result;
}

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
  /** Stop generating new flows after this long (checked between chunks of flows, so
   * shrinking a failure always completes). */
  timeLimitMs?: number;
  /** Called every `progressEvery` runs with the number of flows checked so far. */
  onProgress?: (runs: number) => void;
  progressEvery?: number;
  /** Cap on shrink steps (default 5000), so a failure whose every check is slow (a
   * hanging target) still ends. */
  maxShrinkSteps?: number;
}

export interface PropertyFailure {
  /** The minimized counterexample. */
  flow: Flow;
  /** What the property said about it. */
  message: string;
  /** The seed of the chunk that failed (see chunkSeed): with `path`, it replays exactly. */
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

/** Flows per fast-check call. The time budget is checked between chunks, so a failure found
 * late still shrinks to the end; each chunk has its own seed, derived from the run's. */
const CHUNK_RUNS = 500;
const DEFAULT_MAX_SHRINK_STEPS = 5000;

/** The seed of chunk `index` of a run seeded with `seed`. */
export function chunkSeed(seed: number, index: number): number {
  return index === 0 ? seed : (seed + Math.imul(index, 0x9e3779b1)) | 0;
}

export function checkProperty(
  property: FlowProperty,
  subject: Subject,
  options: RunOptions,
): PropertyResult {
  const seed = options.seed ?? (Date.now() ^ (Math.random() * 0x7fffffff)) | 0;
  const result: PropertyResult = {
    property: property.name,
    target: subject.target.name,
    runs: 0,
    seed,
    durationMs: 0,
    timedOut: false,
  };
  const skipped = property.skipReason?.(subject);
  if (skipped !== undefined) return { ...result, skipped };

  const started = performance.now();
  const deadline = options.timeLimitMs === undefined ? Infinity : started + options.timeLimitMs;
  const every = options.progressEvery ?? 1000;
  const maxShrinkSteps = options.maxShrinkSteps ?? DEFAULT_MAX_SHRINK_STEPS;
  let failedOnce = false;
  let shrinkSteps = 0;
  let lastMessage = "";

  const predicate = fc.property(property.arbitrary, (flow) => {
    // A flow the target refuses is a precondition: fast-check skips it (not counted
    // in runs, nor as a shrink step).
    fc.pre(subject.target.notRunnable?.(flow) === undefined);
    if (failedOnce) {
      // Past the cap, every further shrink candidate "passes": the smallest failure so far stands.
      if (++shrinkSteps > maxShrinkSteps) return true;
    } else {
      result.runs++;
      if (options.onProgress && result.runs % every === 0) options.onProgress(result.runs);
    }
    try {
      property.check(flow, subject);
      return true;
    } catch (error) {
      failedOnce = true;
      lastMessage = error instanceof Error ? error.message : String(error);
      throw error;
    }
  });

  // A replay runs the one seed and path it was given.
  const chunks = options.path === undefined ? Math.ceil(options.numRuns / CHUNK_RUNS) : 1;
  for (let index = 0; index < chunks; index++) {
    if (performance.now() >= deadline) {
      result.timedOut = true;
      break;
    }
    const details = fc.check(predicate, {
      numRuns: Math.min(CHUNK_RUNS, options.numRuns - index * CHUNK_RUNS),
      seed: options.path === undefined ? chunkSeed(seed, index) : seed,
      path: options.path,
      endOnFailure: false,
    });
    if (details.failed && details.counterexample) {
      result.failure = failureOf(details, property, subject, lastMessage);
      break;
    }
  }
  result.durationMs = performance.now() - started;
  return result;
}

function failureOf(
  details: fc.RunDetails<[Flow]>,
  property: FlowProperty,
  subject: Subject,
  lastMessage: string,
): PropertyFailure {
  // Re-run the minimized flow so the message is about it, not about the first failure.
  const flow = details.counterexample![0];
  let message = lastMessage;
  try {
    property.check(flow, subject);
  } catch (error) {
    message = error instanceof Error ? error.message : String(error);
  }
  return {
    flow,
    message,
    seed: details.seed,
    path: details.counterexamplePath ?? "",
    shrinks: details.numShrinks,
  };
}

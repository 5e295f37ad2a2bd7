// Runs one property with fast-check: a run budget and a time budget, a progress callback,
// shrinking, and a result that carries what replays the failure exactly (seed + path).
// Used by the vitest suites and by `helperfuzz run`.

import fc from "fast-check";
import type { Flow } from "../../helpers/core/model.ts";
import { aroundRuns } from "./around-runs.ts";
import { HarnessError } from "./harness-error.ts";
import type { FlowProperty, Subject, SyncTarget } from "./property.ts";

export interface RunOptions {
  /** Generated flows to check (the campaign stops earlier when timeLimitMs runs out). */
  numRuns: number;
  seed?: number;
  /** fast-check replay path of a saved failure. */
  path?: string;
  /** The whole property, shrinking included, ends after this long: no new flow is checked
   * once it is spent, and a failure found by then is reported as shrunk so far. */
  timeLimitMs?: number;
  /** Called every `progressEvery` runs with the number of flows checked so far. */
  onProgress?: (runs: number) => void;
  progressEvery?: number;
  /** Cap on shrink steps (default 5000), so a failure whose every check is slow (a
   * hanging target) still ends. */
  maxShrinkSteps?: number;
  /** Only this chunk of the run (see chunkSeed): a campaign spreads a property's chunks
   * over workers and shards, each checked on its own and combined in order
   * (campaign-chunks.ts), so the result is the same however they are spread. */
  chunk?: number;
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
  /** Smaller failing flows found (fast-check's count). */
  shrinks: number;
  /** Shrink candidates checked (when counted). */
  shrinkSteps?: number;
  /** Why shrinking ended before fast-check had tried every candidate. */
  shrinkStoppedBy?: "time" | "steps" | "harness error";
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
  /** The harness's own trouble (a HarnessError from the target) ended the property: no
   * verdict on the target either way. */
  harnessError?: string;
}

/** Flows per fast-check call; each chunk has its own seed, derived from the run's. */
export const CHUNK_RUNS = 500;
const DEFAULT_MAX_SHRINK_STEPS = 5000;

/** How many chunks a run of `numRuns` flows has. */
export function chunkCount(numRuns: number): number {
  return Math.ceil(numRuns / CHUNK_RUNS);
}

/** The flows in chunk `index` of a run of `numRuns` flows. */
export function chunkRuns(numRuns: number, index: number): number {
  return Math.max(0, Math.min(CHUNK_RUNS, numRuns - index * CHUNK_RUNS));
}

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
  let shrinkStoppedBy: PropertyFailure["shrinkStoppedBy"];
  let lastMessage = "";
  const watched = watchForHarnessErrors(subject);

  const predicate = fc.property(property.arbitrary, (flow) => {
    // Once the property is over (time spent, the harness broke), every further flow or shrink
    // candidate "passes" unchecked: the smallest failure so far stands.
    if (result.harnessError !== undefined || shrinkStoppedBy !== undefined) return true;
    if (performance.now() >= deadline) {
      if (failedOnce) shrinkStoppedBy = "time";
      else result.timedOut = true;
      return true;
    }
    // A flow the target refuses is a precondition: fast-check skips it (not counted
    // in runs, nor as a shrink step).
    fc.pre(subject.target.notRunnable?.(flow) === undefined);
    if (failedOnce) {
      if (shrinkSteps >= maxShrinkSteps) {
        shrinkStoppedBy = "steps";
        return true;
      }
      shrinkSteps++;
    } else {
      result.runs++;
      if (options.onProgress && result.runs % every === 0) options.onProgress(result.runs);
    }
    try {
      property.check(flow, watched.subject);
    } catch (error) {
      if (watched.take()) return harnessTrouble();
      failedOnce = true;
      // fast-check moves to every candidate that fails, so the last message is the one of
      // the minimized flow it reports.
      lastMessage = error instanceof Error ? error.message : String(error);
      throw error;
    }
    // A property may catch what the target threw; the harness's trouble still counts.
    return watched.take() ? harnessTrouble() : true;
  });

  function harnessTrouble(): true {
    if (failedOnce) shrinkStoppedBy = "harness error";
    else result.harnessError = watched.message;
    return true;
  }

  // A replay runs the one seed and path it was given.
  const first = options.chunk ?? 0;
  const chunks =
    options.path !== undefined || options.chunk !== undefined ? 1 : chunkCount(options.numRuns);
  for (let index = first; index < first + chunks; index++) {
    if (performance.now() >= deadline) {
      result.timedOut = true;
      break;
    }
    const details = fc.check(predicate, {
      numRuns: chunkRuns(options.numRuns, index),
      seed: options.path === undefined ? chunkSeed(seed, index) : seed,
      path: options.path,
      endOnFailure: false,
    });
    if (details.failed && details.counterexample) {
      result.failure = {
        flow: details.counterexample[0],
        message: lastMessage,
        seed: details.seed,
        path: details.counterexamplePath ?? "",
        shrinks: details.numShrinks,
        shrinkSteps,
        ...(shrinkStoppedBy ? { shrinkStoppedBy } : {}),
      };
      break;
    }
    if (result.harnessError !== undefined || result.timedOut) break;
  }
  result.durationMs = performance.now() - started;
  return result;
}

/** The subject with its targets wrapped so a HarnessError they throw is remembered even
 * when the property catches it (never-throws turns every throw into its own message). */
function watchForHarnessErrors(subject: Subject) {
  let caught: HarnessError | undefined;
  let message = "";
  const noted = <T>(call: () => T): T => {
    try {
      return call();
    } catch (error) {
      if (error instanceof HarnessError) caught = error;
      throw error;
    }
  };
  const watch = (target: SyncTarget) => aroundRuns(target, noted);
  return {
    subject: { ...subject, target: watch(subject.target), reference: watch(subject.reference) },
    get message() {
      return message;
    },
    /** Whether a HarnessError was thrown since the last take(). */
    take(): boolean {
      if (!caught) return false;
      message = caught.message;
      caught = undefined;
      return true;
    },
  };
}

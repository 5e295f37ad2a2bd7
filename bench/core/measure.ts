// Timing with tinybench. One helper call takes nanoseconds, far below what one timer read
// resolves, so every tinybench iteration runs a calibrated batch of packets. A round times
// the floor and the workload back to back; the round's ratio cancels whatever the machine
// was doing during that round (frequency, a neighbour's load) for both alike.

import { performance } from "node:perf_hooks";
import { Bench } from "tinybench";
import { median, relativeSpread } from "./stats.ts";

export interface MeasureSettings {
  rounds: number;
  /** tinybench time budget per task and round. */
  taskMs: number;
  /** Target duration of one batch (one tinybench sample). */
  batchMs: number;
  warmupMs: number;
}

export const FULL_SETTINGS: MeasureSettings = { rounds: 15, taskMs: 40, batchMs: 1, warmupMs: 60 };
export const QUICK_SETTINGS: MeasureSettings = {
  rounds: 9,
  taskMs: 20,
  batchMs: 0.5,
  warmupMs: 30,
};

/** A batched piece of work: does n units, returns something that depends on all of them. */
export type Batch = (n: number) => number;

let blackhole = 0;

/** Keeps results alive so the compiler cannot drop the work that made them. */
export function consume(value: number): void {
  blackhole = (blackhole + value) | 0;
}

export function blackholeValue(): number {
  return blackhole;
}

/** Runs `work` repeatedly for about ms milliseconds (JIT warm-up). */
export function warm(work: Batch, ms: number): void {
  const end = performance.now() + ms;
  let n = 1;
  while (performance.now() < end) {
    consume(work(n));
    n = Math.min(n * 2, 4096);
  }
}

/** The batch size that takes about targetMs. */
export function calibrateBatch(work: Batch, targetMs: number): number {
  let n = 1;
  for (;;) {
    const start = performance.now();
    consume(work(n));
    const elapsed = performance.now() - start;
    if (elapsed >= targetMs / 4 || n >= 1 << 24) {
      return Math.max(1, Math.round((n * targetMs) / Math.max(elapsed, 1e-6)));
    }
    n *= 2;
  }
}

/** Median batch time of a task. A median skips preempted batches, and also the batches
 * that paid for a collection, by an amount that depends on the batch size: so a baseline
 * is only compared with runs of the same mode (quick or full). */
function medianSampleMs(bench: Bench, name: string): number {
  const result = bench.getTask(name)?.result;
  if (result === undefined || result.state !== "completed") {
    const error = result && "error" in result ? `: ${result.error.message}` : "";
    throw new Error(`benchmark task ${name} did not complete${error}`);
  }
  return result.latency.p50;
}

export interface RatioMeasurement {
  /** Median over rounds of workload ns/unit ÷ floor ns/unit. */
  ratio: number;
  spread: number;
  rounds: number;
  /** Median over rounds, nanoseconds per unit. */
  nsPerUnit: number;
  floorNsPerUnit: number;
}

/** Times `work` against `floor`, round after round, each round one tinybench run. */
export function measureRatio(
  work: Batch,
  floor: Batch,
  settings: MeasureSettings,
): RatioMeasurement {
  warm(floor, settings.warmupMs);
  warm(work, settings.warmupMs);
  const workBatch = calibrateBatch(work, settings.batchMs);
  const floorBatch = calibrateBatch(floor, settings.batchMs);
  const ratios: number[] = [];
  const workNs: number[] = [];
  const floorNs: number[] = [];
  for (let r = 0; r < settings.rounds; r++) {
    const bench = new Bench({ time: settings.taskMs, iterations: 5, warmup: false });
    // Alternate which goes first so a drift within a round favours neither.
    const tasks: [string, () => void][] = [
      ["floor", () => consume(floor(floorBatch))],
      ["work", () => consume(work(workBatch))],
    ];
    if (r % 2 === 1) tasks.reverse();
    for (const [name, fn] of tasks) bench.add(name, fn);
    bench.runSync();
    const w = (medianSampleMs(bench, "work") * 1e6) / workBatch;
    const f = (medianSampleMs(bench, "floor") * 1e6) / floorBatch;
    workNs.push(w);
    floorNs.push(f);
    ratios.push(w / f);
  }
  return {
    ratio: median(ratios),
    spread: relativeSpread(ratios),
    rounds: settings.rounds,
    nsPerUnit: median(workNs),
    floorNsPerUnit: median(floorNs),
  };
}

/** Median time of one call of `work` (no batching: for calls that take a millisecond or
 * more, like a spec model over a whole flow). */
export function measureCall(work: () => number, settings: MeasureSettings): number {
  warm(() => work(), settings.warmupMs);
  const bench = new Bench({ time: settings.taskMs * 4, iterations: 5, warmup: false });
  bench.add("call", () => consume(work()));
  bench.runSync();
  return medianSampleMs(bench, "call") * 1e6;
}

// The regression gate's decision, kept free of timing so it can be tested on synthetic
// figures. A workload's figure is the median over rounds of its per-round cost ratio to
// its floor; the gate compares it with the committed baseline.

import { medianStandardError } from "./stats.ts";

/** One workload's measured figure. */
export interface WorkloadFigure {
  /** Median over rounds of (workload time per packet ÷ floor time per packet). */
  ratio: number;
  /** Relative σ of one round's ratio (1.4826·MAD/median over the rounds). */
  spread: number;
  rounds: number;
  /** The ratio of each fresh process the baseline was recorded from (bench/selftest.ts
   * --record N), when there were several: `ratio` is their median. A process lands on
   * one JIT and heap layout for good, and some workloads have two layouts 20-30 % apart
   * (irc/nat-dcc-send), which no round inside one process can show. */
  processRatios?: number[];
}

/** helper → workload → figure */
export type Figures = Record<string, Record<string, WorkloadFigure>>;

export interface GatePolicy {
  /** Smallest slowdown that may fail the gate, whatever the measured noise says: the
   * run-to-run drift of a fresh process (JIT decisions, heap layout) that within-run
   * rounds cannot see. */
  minThreshold: number;
  /** How many combined standard errors a change must exceed. */
  sigmas: number;
  /** Added to the highest recorded process's rise above the median: a fresh process
   * can land a little above the highest of a handful of recorded ones, and its rounds
   * carry their own noise on top. */
  riseMargin: number;
}

/** Justified in docs/benchmarks.md by repeated runs on an unchanged tree. */
export const DEFAULT_POLICY: GatePolicy = { minThreshold: 0.15, sigmas: 4, riseMargin: 0.08 };

/** A threshold above this cannot catch the 30 % slowdown the gate exists for. */
export const TOO_NOISY = 0.3;

export type GateStatus = "regressed" | "ok" | "faster" | "new" | "missing";

export interface GateVerdict {
  helper: string;
  workload: string;
  status: GateStatus;
  baseline?: number;
  current?: number;
  /** current/baseline − 1: +0.3 = 30 % slower relative to the floor. */
  change?: number;
  threshold?: number;
}

/** How far above the baseline's median the slowest recorded process was (0 when the
 * baseline comes from one process). Only the rise counts: a process below the median
 * can only make a run look faster. */
export function processRise(base: WorkloadFigure): number {
  const ratios = base.processRatios ?? [];
  if (ratios.length === 0) return 0;
  return Math.max(0, Math.max(...ratios) / base.ratio - 1);
}

/** The slowdown beyond which a change is not noise: the largest of the policy minimum,
 * `sigmas` standard errors of the difference of two medians, and the highest recorded
 * process's rise plus a margin. */
export function thresholdFor(
  base: WorkloadFigure,
  current: WorkloadFigure,
  policy: GatePolicy = DEFAULT_POLICY,
): number {
  const seBase = medianStandardError(base.spread, Math.max(1, base.rounds));
  const seCurrent = medianStandardError(current.spread, Math.max(1, current.rounds));
  return Math.max(
    policy.minThreshold,
    policy.sigmas * Math.hypot(seBase, seCurrent),
    processRise(base) > 0 ? processRise(base) + policy.riseMargin : 0,
  );
}

export function judge(
  helper: string,
  workload: string,
  base: WorkloadFigure | undefined,
  current: WorkloadFigure | undefined,
  policy: GatePolicy = DEFAULT_POLICY,
): GateVerdict {
  if (base === undefined) return { helper, workload, status: "new", current: current?.ratio };
  if (current === undefined) return { helper, workload, status: "missing", baseline: base.ratio };
  const change = current.ratio / base.ratio - 1;
  const threshold = thresholdFor(base, current, policy);
  const status: GateStatus =
    change > threshold ? "regressed" : change < -threshold ? "faster" : "ok";
  return {
    helper,
    workload,
    status,
    baseline: base.ratio,
    current: current.ratio,
    change,
    threshold,
  };
}

/** Every workload of the measured helpers against the baseline. Helpers not measured in
 * this run are not judged (`helperfuzz bench ftp` says nothing about irc). */
export function compareFigures(
  baseline: Figures,
  current: Figures,
  policy: GatePolicy = DEFAULT_POLICY,
): GateVerdict[] {
  const verdicts: GateVerdict[] = [];
  for (const [helper, measured] of Object.entries(current)) {
    const base = baseline[helper] ?? {};
    const names = new Set([...Object.keys(base), ...Object.keys(measured)]);
    for (const workload of names) {
      verdicts.push(judge(helper, workload, base[workload], measured[workload], policy));
    }
  }
  return verdicts;
}

/** A regression must survive a second, independent measurement: a burst of load from a
 * neighbour rarely hits the same workload twice, and a fresh process rolls its JIT
 * layout again. The smaller change is reported. */
export function confirmRegression(first: GateVerdict, second: GateVerdict): GateVerdict {
  if (first.status !== "regressed") return first;
  if (second.status === "regressed") {
    return (second.change ?? 0) < (first.change ?? 0) ? second : first;
  }
  return second;
}

/** Re-judges every suspected regression on the figures of a second, fresh process (the
 * same command run again): only one that repeats there stays a regression. A workload
 * the second process did not measure keeps its first verdict. */
export function confirmInSecondProcess(
  verdicts: readonly GateVerdict[],
  baseline: Figures,
  second: Figures,
  policy: GatePolicy = DEFAULT_POLICY,
): GateVerdict[] {
  return verdicts.map((first) => {
    if (first.status !== "regressed") return first;
    const again = second[first.helper]?.[first.workload];
    if (again === undefined) return first;
    const base = baseline[first.helper]?.[first.workload];
    return confirmRegression(first, judge(first.helper, first.workload, base, again, policy));
  });
}

/** A gate run fails on a confirmed regression or on a workload that vanished from the
 * suite (the baseline names it, the run did not measure it). */
export function gateFails(verdicts: readonly GateVerdict[]): boolean {
  return verdicts.some((v) => v.status === "regressed" || v.status === "missing");
}

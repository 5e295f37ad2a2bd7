// The regression gate's decision, free of timing so it is tested on synthetic samples.
// The gate measures two trees side by side on one machine (bench/core/side-by-side.ts):
// a pair is one fresh process of the baseline tree and one of the changed tree, run back
// to back. Within a pair both saw the same machine (CPU model, load of the moment), so
// their ratio to each other is the figure judged; a ratio to the floor recorded on another
// machine is not (a JS byte loop against SIMD memchr differs by CPU).

import { mean, median, medianStandardError, sampleSd, studentT95 } from "./stats.ts";

/** One workload's figure from one process. */
export interface WorkloadFigure {
  /** Median over rounds of (workload time per packet ÷ floor time per packet). */
  ratio: number;
  /** Relative σ of one round's ratio (1.4826·MAD/median over the rounds). */
  spread: number;
  rounds: number;
}

/** helper → workload → figure */
export type Figures = Record<string, Record<string, WorkloadFigure>>;

/** One process of each tree, back to back. */
export interface Pair {
  base: WorkloadFigure;
  changed: WorkloadFigure;
}

export interface GatePolicy {
  /** The change the gate decides about: a workload is a regression when it is surely
   * slower than this, fine when it is surely not. The gate exists to catch 30 %; run-to-run
   * changes between processes of one tree on a busy machine reach ±10 %. */
  tolerance: number;
  /** Fewest pairs a decision is made on (with 2, the t quantile is 12.7: no decision). */
  minPairs: number;
  /** Fewest pairs a regression is declared on: a workload with two JIT layouts 25 % apart
   * can land the slow one in every process of one tree three times in a row
   * (irc/nat-dcc-send does, one process in three); five in a row is rarer by 10×. */
  minPairsToFail: number;
}

export const DEFAULT_POLICY: GatePolicy = { tolerance: 0.15, minPairs: 3, minPairsToFail: 5 };

/** The change of the changed tree against the baseline tree, with a 95 % interval. */
export interface PairedEstimate {
  /** changed ÷ base − 1 (geometric mean over the pairs): +0.3 = 30 % slower. */
  change: number;
  low: number;
  high: number;
  pairs: number;
  /** Median ratio to the floor over the pairs, each tree. */
  base: number;
  changed: number;
}

/** The 95 % interval of the mean log-ratio of the pairs. Its standard error is the larger
 * of what the pairs show and what their rounds alone imply: three pairs that happen to
 * agree must not make a narrow interval. */
export function pairedEstimate(pairs: readonly Pair[]): PairedEstimate {
  if (pairs.length < 2) throw new RangeError("a paired estimate needs two pairs");
  const logs = pairs.map((p) => Math.log(p.changed.ratio / p.base.ratio));
  const n = pairs.length;
  const fromPairs = sampleSd(logs) / Math.sqrt(n);
  const roundVariance = mean(
    pairs.map(
      (p) =>
        medianStandardError(p.base.spread, p.base.rounds) ** 2 +
        medianStandardError(p.changed.spread, p.changed.rounds) ** 2,
    ),
  );
  const fromRounds = Math.sqrt(roundVariance / n);
  const half = studentT95(n - 1) * Math.max(fromPairs, fromRounds);
  const center = mean(logs);
  return {
    change: Math.exp(center) - 1,
    low: Math.exp(center - half) - 1,
    high: Math.exp(center + half) - 1,
    pairs: n,
    base: median(pairs.map((p) => p.base.ratio)),
    changed: median(pairs.map((p) => p.changed.ratio)),
  };
}

export type Decision = "regressed" | "ok" | "faster" | "undecided";

/** Surely slower than the tolerance (on enough pairs): regressed; surely not: ok (faster when the estimate
 * is beyond the tolerance the other way); else undecided (more pairs may tell). */
export function decide(estimate: PairedEstimate, policy: GatePolicy = DEFAULT_POLICY): Decision {
  if (estimate.pairs < policy.minPairs) return "undecided";
  if (estimate.low > policy.tolerance) {
    return estimate.pairs >= policy.minPairsToFail ? "regressed" : "undecided";
  }
  if (estimate.high <= policy.tolerance) {
    return estimate.change < -policy.tolerance ? "faster" : "ok";
  }
  return "undecided";
}

export type GateStatus = "regressed" | "ok" | "faster" | "inconclusive" | "new" | "removed";

export interface GateVerdict {
  helper: string;
  workload: string;
  status: GateStatus;
  /** Over the first pairs (every workload). */
  first?: PairedEstimate;
  /** Over the re-measurement of the suspects (fresh pairs, only the suspects). */
  second?: PairedEstimate;
}

/** One pair of runs: each tree's figures for the same selection. */
export interface PairRun {
  base: Figures;
  changed: Figures;
}

/** The pairs in which both trees measured this workload. */
export function pairsOf(runs: readonly PairRun[], helper: string, workload: string): Pair[] {
  const pairs: Pair[] = [];
  for (const run of runs) {
    const base = run.base[helper]?.[workload];
    const changed = run.changed[helper]?.[workload];
    if (base !== undefined && changed !== undefined) pairs.push({ base, changed });
  }
  return pairs;
}

/** Every workload of the first pairs: judged where both trees have it, `new` or `removed`
 * (reported, not judged) where only one does. */
export function judgeFirst(
  runs: readonly PairRun[],
  policy: GatePolicy = DEFAULT_POLICY,
): { verdict: GateVerdict; decision: Decision }[] {
  const names = new Map<string, [string, string]>();
  for (const run of runs) {
    for (const figures of [run.base, run.changed]) {
      for (const [helper, workloads] of Object.entries(figures)) {
        for (const workload of Object.keys(workloads)) {
          names.set(`${helper}/${workload}`, [helper, workload]);
        }
      }
    }
  }
  return [...names.values()].map(([helper, workload]) => {
    const pairs = pairsOf(runs, helper, workload);
    if (pairs.length === 0) {
      const inChanged = runs.some((r) => r.changed[helper]?.[workload] !== undefined);
      return {
        verdict: { helper, workload, status: inChanged ? "new" : "removed" },
        decision: "ok",
      };
    }
    const first = pairs.length >= 2 ? pairedEstimate(pairs) : undefined;
    const decision = first === undefined ? "undecided" : decide(first, policy);
    const status: GateStatus = decision === "faster" ? "faster" : "ok";
    return { verdict: { helper, workload, status, first }, decision };
  });
}

/** A suspect of the first pairs (regressed or undecided) is decided by the fresh pairs of
 * the re-measurement. A regression needs both: the first pairs surely slower, by an
 * estimate beyond the tolerance, and the fresh pairs' interval wholly beyond it. Whatever stays undecided is
 * inconclusive: reported, not failed — the noise was too high here to tell. */
export function judgeSecond(
  first: GateVerdict,
  firstDecision: Decision,
  second: PairedEstimate | undefined,
  policy: GatePolicy = DEFAULT_POLICY,
): GateVerdict {
  if (firstDecision === "ok" || firstDecision === "faster") return first;
  if (second === undefined) return { ...first, status: "inconclusive" };
  const decision = decide(second, policy);
  const firstSaysSlower =
    first.first !== undefined && first.first.change > policy.tolerance && first.first.low > 0;
  const status: GateStatus =
    decision === "regressed"
      ? firstSaysSlower
        ? "regressed"
        : "inconclusive"
      : decision === "undecided"
        ? "inconclusive"
        : decision;
  return { ...first, status, second };
}

/** The gate fails on a regression only; inconclusive, new and removed are reported. */
export function gateFails(verdicts: readonly GateVerdict[]): boolean {
  return verdicts.some((v) => v.status === "regressed");
}

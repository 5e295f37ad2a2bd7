// The gate's schedule: fresh processes of the baseline tree and the changed tree,
// interleaved (A B, B A, A B, ...) so that whatever the machine does over the run — a
// neighbour's burst, a frequency change, a slow drift — falls on both trees alike. First
// every workload over a few pairs; then only the suspects over fresh pairs, until each is
// cleared or the pair count or the time budget runs out; a suspect neither cleared nor
// surely slower by then is inconclusive.
// Measuring is injected, so the schedule is tested without timing anything.

import {
  DEFAULT_POLICY,
  decide,
  type Figures,
  type GatePolicy,
  type GateVerdict,
  judgeFirst,
  judgeSecond,
  type PairRun,
  pairedEstimate,
  pairsOf,
} from "./gate.ts";

export type Tree = "base" | "changed";

/** What one process measures: these helpers (all when empty), these workloads (all when
 * absent). */
export interface Selection {
  helpers: string[];
  workloads?: string[];
}

export interface Schedule {
  /** Pairs over every workload. */
  firstPairs: number;
  /** Most pairs of the suspects' re-measurement. */
  maxSecondPairs: number;
  /** No re-measurement pair starts after this many ms from the start, except to confirm
   * a suspect that already looks regressed: on a loaded machine the gate ends in bounded
   * time, with the suspects it could not clear inconclusive. */
  budgetMs: number;
}

/** Sized on the 2-core CI machine (docs/benchmarks.md): in the short mode ~10 s a
 * process of every workload quiet, ~15 s beside 8 busy processes; a few seconds a
 * process of a few suspects. The whole gate stays within ~3 minutes. */
export const DEFAULT_SCHEDULE: Schedule = { firstPairs: 3, maxSecondPairs: 6, budgetMs: 120_000 };

export interface SideBySideHooks {
  measure: (tree: Tree, selection: Selection) => Figures;
  now: () => number;
  log: (line: string) => void;
}

/** Pair i runs base first when i is even, changed first when odd. */
export function pairOrder(index: number): [Tree, Tree] {
  return index % 2 === 0 ? ["base", "changed"] : ["changed", "base"];
}

function runPair(hooks: SideBySideHooks, selection: Selection, index: number): PairRun {
  const run: Partial<PairRun> = {};
  for (const tree of pairOrder(index)) run[tree] = hooks.measure(tree, selection);
  return run as PairRun;
}

/** The suspects' selection: their helpers and workload names (a name another selected
 * helper also has is measured too, in both trees alike, and not judged again). */
export function suspectSelection(suspects: readonly GateVerdict[]): Selection {
  return {
    helpers: [...new Set(suspects.map((v) => v.helper))],
    workloads: [...new Set(suspects.map((v) => v.workload))],
  };
}

export function runSideBySide(
  hooks: SideBySideHooks,
  selection: Selection,
  schedule: Schedule = DEFAULT_SCHEDULE,
  policy: GatePolicy = DEFAULT_POLICY,
): GateVerdict[] {
  const started = hooks.now();
  const firstRuns: PairRun[] = [];
  for (let i = 0; i < schedule.firstPairs; i++) {
    firstRuns.push(runPair(hooks, selection, i));
    hooks.log(`pair ${i + 1}/${schedule.firstPairs} of every workload measured`);
  }
  const first = judgeFirst(firstRuns, policy);
  const suspects = first.filter((f) => f.decision === "regressed" || f.decision === "undecided");
  if (suspects.length === 0) return first.map((f) => f.verdict);

  hooks.log(
    `suspects: ${suspects.map((s) => `${s.verdict.helper}/${s.verdict.workload} ${describeChange(s.verdict)}`).join(", ")}; re-measuring them in fresh pairs`,
  );
  const again = suspectSelection(suspects.map((s) => s.verdict));
  const secondRuns: PairRun[] = [];
  const estimateOf = (v: GateVerdict) => {
    const pairs = pairsOf(secondRuns, v.helper, v.workload);
    return pairs.length >= 2 ? pairedEstimate(pairs) : undefined;
  };
  // Stopping early only when every suspect is cleared: stopping as soon as one looks
  // regressed would pick the moment the noise peaked (repeated looks at a random walk).
  const cleared = (): boolean =>
    suspects.every((s) => {
      const estimate = estimateOf(s.verdict);
      const decision = estimate === undefined ? "undecided" : decide(estimate, policy);
      return decision === "ok" || decision === "faster";
    });
  // A suspect that looks regressed — surely slower, by an estimate beyond the tolerance, in
  // the fresh pairs or, while there are fewer than two, in the first ones — gets the pairs
  // a regression needs even past the budget: a real regression must not end inconclusive.
  const looksRegressed = (): boolean =>
    suspects.some((s) => {
      const estimate = estimateOf(s.verdict) ?? s.verdict.first;
      return estimate !== undefined && estimate.low > 0 && estimate.change > policy.tolerance;
    });
  while (secondRuns.length < schedule.maxSecondPairs) {
    if (secondRuns.length >= policy.minPairs && cleared()) break;
    const confirming = looksRegressed() && secondRuns.length < policy.minPairsToFail;
    if (hooks.now() - started > schedule.budgetMs && !confirming) break;
    secondRuns.push(runPair(hooks, again, schedule.firstPairs + secondRuns.length));
    hooks.log(`re-measurement pair ${secondRuns.length} of the suspects measured`);
  }
  return first.map((f) => judgeSecond(f.verdict, f.decision, estimateOf(f.verdict), policy));
}

function percent(value: number): string {
  return `${value >= 0 ? "+" : "−"}${Math.abs(value * 100).toFixed(1)}%`;
}

/** "+12.0% (95%: −3.0…+29.0%)" from the deciding estimate (the fresh pairs if any). */
export function describeChange(verdict: GateVerdict): string {
  const e = verdict.second ?? verdict.first;
  if (e === undefined) return "-";
  return `${percent(e.change)} (95%: ${percent(e.low)}…${percent(e.high)})`;
}

// Coverage of the spec (issue 13 item 6): how many flows took each way the spec model
// names (helpers/spec-core/behaviour.ts), counted where a campaign runs the spec model, and
// judged against the classes each helper's generators are meant to reach
// (helpers/registry.ts `behaviours`). A class never reached is the harness's trouble (its
// generators said nothing about that rule), not a finding: exit 3.

import type { Flow } from "../helpers/core/model.ts";
import { helperRegistry } from "../helpers/registry.ts";
import { withReached } from "../helpers/spec-core/behaviour.ts";
import type { SyncTarget } from "../properties/core/property.ts";
import type { CampaignEntry } from "./campaign.ts";

/** Spec runs of one chunk (or entry, or helper) and the flows that reached each class. */
export interface CoverageTally {
  specRuns: number;
  reached: Record<string, number>;
}

/** Below this many spec runs of a helper a campaign is too small to judge its coverage. */
export const COVERAGE_JUDGED_FROM = 20_000;

export function addCoverage(a: CoverageTally, b: CoverageTally | undefined): CoverageTally {
  if (!b) return a;
  const reached = { ...a.reached };
  for (const [name, flows] of Object.entries(b.reached))
    reached[name] = (reached[name] ?? 0) + flows;
  return { specRuns: a.specRuns + b.specRuns, reached };
}

/** Classes by name: the order they were first reached differs between shards and workers. */
export const byName = ([a]: [string, number], [b]: [string, number]): number =>
  a < b ? -1 : a > b ? 1 : 0;

export const emptyCoverage = (): CoverageTally => ({ specRuns: 0, reached: {} });

/** The spec target, counting what each run reached into `take()`. A flow asked twice in a
 * row (a property comparing it again) counts once. */
export function countingSpec(spec: SyncTarget): { target: SyncTarget; take(): CoverageTally } {
  let tally = emptyCoverage();
  let last: Flow | undefined;
  const count = <T>(flow: Flow, run: () => T): T => {
    const { value, reached } = withReached(run);
    if (flow === last) return value;
    last = flow;
    tally.specRuns++;
    for (const name of reached) tally.reached[name] = (tally.reached[name] ?? 0) + 1;
    return value;
  };
  const target: SyncTarget = {
    ...spec,
    run: (flow) => count(flow, () => spec.run(flow)),
    ...(spec.trace ? { trace: (flow: Flow) => count(flow, () => spec.trace!(flow)) } : {}),
  };
  return {
    target,
    take() {
      const taken = tally;
      tally = emptyCoverage();
      last = undefined;
      return taken;
    },
  };
}

/** The checked target, whose refused flows (`notRunnable`) the spec model still runs and
 * counts: coverage says what the generators reached. A target that cannot run a config
 * (cthelper:ftp has no `loose`) would otherwise leave that config's classes unreached on
 * every campaign; its refusals are reported on their own ("N flows not runnable: ..."). */
export function countingRefused(checked: SyncTarget, counting: SyncTarget): SyncTarget {
  const refuses = checked.notRunnable;
  if (!refuses) return checked;
  return {
    name: checked.name,
    run: (flow) => checked.run(flow),
    ...(checked.trace ? { trace: (flow: Flow) => checked.trace!(flow) } : {}),
    notRunnable(flow) {
      const reason = refuses.call(checked, flow);
      if (reason !== undefined) {
        try {
          counting.run(flow);
        } catch {
          // A flow the spec model rejects reaches nothing; the property never sees it.
        }
      }
      return reason;
    },
  };
}

export interface HelperCoverage {
  helper: string;
  specRuns: number;
  /** The classes the helper's generators are meant to reach, in their declared order. */
  declared: { name: string; flows: number }[];
  /** Classes reached that the helper does not declare (generic ones of spec-core, say). */
  undeclared: { name: string; flows: number }[];
  /** Judged only from COVERAGE_JUDGED_FROM spec runs; why not, otherwise. */
  notJudged?: string;
  /** Declared classes no flow reached (judged campaigns only). */
  unreached: string[];
}

/** The coverage of each helper of the campaign whose spec model declares classes. */
export function helperCoverage(
  entries: CampaignEntry[],
  judgedFrom = COVERAGE_JUDGED_FROM,
): HelperCoverage[] {
  const byHelper = new Map<string, CoverageTally>();
  for (const e of entries) {
    if (!e.coverage) continue;
    byHelper.set(e.helper, addCoverage(byHelper.get(e.helper) ?? emptyCoverage(), e.coverage));
  }
  const helpers = [...new Set(entries.map((e) => e.helper))];
  return helpers.flatMap((helper) => {
    const behaviours = helperRegistry[helper]?.behaviours;
    if (!behaviours) return [];
    const tally = byHelper.get(helper) ?? emptyCoverage();
    const declared = behaviours.map((name) => ({ name, flows: tally.reached[name] ?? 0 }));
    const known = new Set(behaviours);
    const undeclared = Object.entries(tally.reached)
      .filter(([name]) => !known.has(name))
      .sort(byName)
      .map(([name, flows]) => ({ name, flows }));
    const notJudged =
      tally.specRuns < judgedFrom
        ? `${tally.specRuns} spec runs, fewer than the ${judgedFrom} it is judged from`
        : undefined;
    const unreached = notJudged ? [] : declared.filter((c) => c.flows === 0).map((c) => c.name);
    return [
      {
        helper,
        specRuns: tally.specRuns,
        declared,
        undeclared,
        unreached,
        ...(notJudged ? { notJudged } : {}),
      },
    ];
  });
}

/** The summary's lines: one per helper; the table of every class with `full`, and always
 * the classes never reached. */
export function coverageLines(coverage: HelperCoverage[], full: boolean): string[] {
  const lines: string[] = [];
  for (const c of coverage) {
    const reached = c.declared.filter((d) => d.flows > 0).length;
    const verdict = c.notJudged
      ? `not judged: ${c.notJudged}`
      : c.unreached.length === 0
        ? "every class reached"
        : `${c.unreached.length} never reached`;
    lines.push(
      `spec coverage of ${c.helper}: ${reached} of ${c.declared.length} classes on ${c.specRuns} spec runs (${verdict})`,
    );
    if (full) {
      const width = Math.max(
        5,
        ...c.declared.map((d) => d.name.length),
        ...c.undeclared.map((d) => d.name.length),
      );
      lines.push(`  ${"class".padEnd(width)}  flows`);
      for (const d of c.declared) lines.push(`  ${d.name.padEnd(width)}  ${d.flows}`);
      for (const d of c.undeclared)
        lines.push(`  ${d.name.padEnd(width)}  ${d.flows}  (not declared)`);
    } else {
      for (const name of c.unreached) lines.push(`  never reached: ${name}`);
    }
  }
  return lines;
}

// `helperfuzz bench`: the helpers' hot-path benchmarks and the regression gate. Prints a
// table per helper; with --compare, fails (exit 1) on a workload slower than the
// baseline beyond what the measured noise explains.

import { cpus } from "node:os";
import type { Command } from "commander";
import pc from "picocolors";
import { mergeBaseline, readBaseline, writeBaseline } from "../../bench/core/baseline.ts";
import {
  compareFigures,
  confirmRegression,
  type Figures,
  type GateVerdict,
  gateFails,
  judge,
  TOO_NOISY,
} from "../../bench/core/gate.ts";
import { FULL_SETTINGS, type MeasureSettings, QUICK_SETTINGS } from "../../bench/core/measure.ts";
import {
  byteScalingTable,
  connectionScalingTable,
  gateTable,
  workloadTable,
} from "../../bench/core/report.ts";
import { byteScaling, connectionScaling, perByteGrowth } from "../../bench/core/scaling.ts";
import { slowedHelper } from "../../bench/core/slowdown.ts";
import {
  measureWorkload,
  runSuite,
  type SuiteRunOptions,
  type WorkloadResult,
} from "../../bench/core/suite-run.ts";
import type { BenchSuite } from "../../bench/core/workload.ts";
import { benchSuites } from "../../bench/registry.ts";
import { UsageError } from "../usage.ts";

export const DEFAULT_BASELINE = "bench/baseline.json";

interface BenchFlags {
  compare?: string;
  updateBaseline?: string | boolean;
  quick?: boolean;
  scaling: boolean;
  workload?: string[];
  plantSlowdown?: string;
}

export function registerBenchCommand(program: Command, exit: (code: number) => void): void {
  program
    .command("bench")
    .description("benchmark the helpers' packet-matching hot path; gate on a baseline")
    .argument("[helper...]", "helpers to benchmark (default: all with a suite)")
    .option("--compare <file>", "fail (exit 1) on a workload slower than this baseline")
    .option(
      "--update-baseline [file]",
      `record the figures as the baseline (default ${DEFAULT_BASELINE})`,
    )
    .option("--quick", "fewer and shorter rounds, no scaling tables (what CI runs)")
    .option("--no-scaling", "skip the byte and connection scaling tables")
    .option("--workload <name...>", "only these workloads")
    .option(
      "--plant-slowdown <percent>",
      "check the gate: make the helper do this much more work per packet",
    )
    .action((helperNames: string[], flags: BenchFlags) => {
      exit(benchCommand(helperNames, flags));
    });
}

function chooseSuites(names: string[]): BenchSuite[] {
  const known = Object.keys(benchSuites);
  for (const name of names) {
    if (!known.includes(name)) {
      throw new UsageError(`no benchmark suite for helper "${name}" (known: ${known.join(", ")})`);
    }
  }
  return (names.length === 0 ? known : [...new Set(names)]).map((n) => benchSuites[n]);
}

function parseSlowdown(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value) || value <= 0 || value > 100) {
    throw new UsageError(`--plant-slowdown needs a percentage in (0, 100], got "${text}"`);
  }
  return value / 100;
}

function checkWorkloadNames(suites: BenchSuite[], names: string[] | undefined): void {
  if (names === undefined) return;
  const known = new Set(suites.flatMap((s) => s.workloads.map((w) => w.name)));
  for (const name of names) {
    if (!known.has(name)) {
      throw new UsageError(`unknown workload "${name}" (known: ${[...known].join(", ")})`);
    }
  }
}

function figuresOf(results: readonly WorkloadResult[]): Figures[string] {
  const figures: Figures[string] = {};
  for (const r of results) figures[r.name] = { ratio: r.ratio, spread: r.spread, rounds: r.rounds };
  return figures;
}

function benchCommand(helperNames: string[], flags: BenchFlags): number {
  const suites = chooseSuites(helperNames);
  checkWorkloadNames(suites, flags.workload);
  const slowdown = parseSlowdown(flags.plantSlowdown);
  if (flags.compare !== undefined && flags.updateBaseline !== undefined) {
    throw new UsageError("--compare and --update-baseline exclude each other: check or record");
  }
  const updatePath =
    flags.updateBaseline === undefined
      ? undefined
      : typeof flags.updateBaseline === "string"
        ? flags.updateBaseline
        : DEFAULT_BASELINE;
  if (updatePath !== undefined && slowdown !== undefined) {
    throw new UsageError("--plant-slowdown cannot be recorded as a baseline");
  }
  // Read before measuring: a bad file should fail in a second, not after a minute.
  const baseline = flags.compare === undefined ? undefined : readBaseline(flags.compare);
  const settings: MeasureSettings = flags.quick ? QUICK_SETTINGS : FULL_SETTINGS;
  const gating = baseline !== undefined || updatePath !== undefined;
  const out = process.stdout;
  out.write(
    `helperfuzz bench: ${suites.map((s) => s.name).join(", ")} (${flags.quick ? "quick" : "full"}: ${settings.rounds} rounds)` +
      (slowdown === undefined ? "" : pc.yellow(`, planted slowdown +${slowdown * 100}%`)) +
      "\n",
  );

  const measured: Figures = {};
  const options = (suite: BenchSuite): SuiteRunOptions => ({
    settings,
    only: flags.workload,
    spec: true,
    helper: slowdown === undefined ? undefined : slowedHelper(suite.helper, slowdown),
  });
  for (const suite of suites) {
    out.write(`\n${pc.bold(suite.name)}\n`);
    const results = runSuite(suite, options(suite));
    for (const line of workloadTable(results)) out.write(`${line}\n`);
    measured[suite.name] = figuresOf(results);
    if (flags.scaling && !flags.quick && !gating) printScaling(suite, settings);
  }

  if (updatePath !== undefined) {
    let previous: ReturnType<typeof readBaseline> | undefined;
    try {
      previous = readBaseline(updatePath);
    } catch {
      previous = undefined;
    }
    writeBaseline(
      updatePath,
      mergeBaseline(previous, measured, {
        date: new Date().toISOString(),
        node: process.version,
        cpus: `${cpus().length} × ${cpus()[0]?.model ?? "?"}`,
        mode: flags.quick ? "quick" : "full",
      }),
    );
    out.write(`\nbaseline written: ${updatePath}\n`);
    return 0;
  }
  if (baseline === undefined) return 0;
  return gate(suites, baseline.helpers, measured, options, flags.workload);
}

function gate(
  suites: BenchSuite[],
  baseline: Figures,
  measured: Figures,
  options: (suite: BenchSuite) => SuiteRunOptions,
  only: string[] | undefined,
): number {
  const out = process.stdout;
  // Judge only what was asked for: a workload left out by --workload is not "missing".
  const relevant: Figures = {};
  for (const [helper, workloads] of Object.entries(baseline)) {
    relevant[helper] = Object.fromEntries(
      Object.entries(workloads).filter(([name]) => only === undefined || only.includes(name)),
    );
  }
  const verdicts = compareFigures(relevant, measured).map((verdict) =>
    verdict.status === "regressed" ? confirm(verdict, suites, relevant, options) : verdict,
  );
  out.write(`\n${pc.bold("gate")} (ratio to floor: now vs baseline)\n`);
  for (const line of gateTable(verdicts)) out.write(`${line}\n`);
  for (const v of verdicts) {
    if (v.threshold !== undefined && v.threshold > TOO_NOISY) {
      out.write(
        pc.yellow(`warning: ${v.helper}/${v.workload} is too noisy to catch a 30% slowdown\n`),
      );
    }
  }
  const failed = gateFails(verdicts);
  for (const v of verdicts.filter((x) => x.status === "regressed")) {
    out.write(
      pc.red(
        `REGRESSION ${v.helper}/${v.workload}: ${((v.change ?? 0) * 100).toFixed(1)}% slower relative to its floor (threshold ${((v.threshold ?? 0) * 100).toFixed(1)}%)\n`,
      ),
    );
  }
  for (const v of verdicts.filter((x) => x.status === "missing")) {
    out.write(pc.red(`MISSING ${v.helper}/${v.workload}: in the baseline, not in the suite\n`));
  }
  out.write(failed ? pc.red("gate: FAIL\n") : pc.green("gate: pass\n"));
  return failed ? 1 : 0;
}

/** Measures a suspected regression once more, independently. */
function confirm(
  first: GateVerdict,
  suites: BenchSuite[],
  baseline: Figures,
  options: (suite: BenchSuite) => SuiteRunOptions,
): GateVerdict {
  const suite = suites.find((s) => s.name === first.helper)!;
  const workload = suite.workloads.find((w) => w.name === first.workload)!;
  const again = measureWorkload(suite, workload, { ...options(suite), spec: false });
  const second = judge(first.helper, first.workload, baseline[first.helper]?.[first.workload], {
    ratio: again.ratio,
    spread: again.spread,
    rounds: again.rounds,
  });
  return confirmRegression(first, second);
}

function printScaling(suite: BenchSuite, settings: MeasureSettings): void {
  const out = process.stdout;
  const bytes = byteScaling(suite, settings);
  out.write(`\n${suite.name}: cost per byte by segment size\n`);
  for (const line of byteScalingTable(bytes)) out.write(`${line}\n`);
  for (const name of Object.keys(bytes[0]?.nsPerByte ?? {})) {
    const growth = perByteGrowth(bytes, name);
    out.write(
      `  ${name}: per-byte cost ×${growth.toFixed(2)} from 1 KiB to 64 KiB ${growth < 2 ? pc.green("(linear)") : pc.red("(grows: rescan?)")}\n`,
    );
  }
  out.write(`\n${suite.name}: cost per packet by live connections\n`);
  for (const line of connectionScalingTable(connectionScaling(suite, settings))) {
    out.write(`${line}\n`);
  }
}

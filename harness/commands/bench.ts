// `helperfuzz bench`: the helpers' hot-path benchmarks and the regression gate. Prints a
// table per helper; with --compare, fails (exit 1) on a workload slower than the
// baseline beyond what the measured noise explains.

import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { type Command, Option } from "commander";
import pc from "picocolors";
import {
  type BaselineFile,
  mergeBaseline,
  readBaseline,
  writeBaseline,
} from "../../bench/core/baseline.ts";
import {
  compareFigures,
  confirmInSecondProcess,
  type Figures,
  gateFails,
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
import { runSuite, type SuiteRunOptions, type WorkloadResult } from "../../bench/core/suite-run.ts";
import type { BenchSuite } from "../../bench/core/workload.ts";
import { benchSuites } from "../../bench/registry.ts";
import { RunFailure, UsageError } from "../usage.ts";

export const DEFAULT_BASELINE = "bench/baseline.json";

/** The entry point CI and the baseline recordings use: a re-measurement must load the
 * same modules to land on a comparable JIT layout. */
const CLI_ENTRY = join(import.meta.dirname, "..", "..", "bin", "helperfuzz.mjs");

interface BenchFlags {
  compare?: string;
  updateBaseline?: string | boolean;
  quick?: boolean;
  scaling: boolean;
  workload?: string[];
  plantSlowdown?: string;
  figuresOut?: string;
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
    .addOption(
      // The gate's re-measurement in a fresh process reports through this file.
      new Option("--figures-out <file>", "write the measured figures as JSON").hideHelp(),
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

/** V8 compiles optimized code on a background thread by default, and on a loaded 2-core
 * machine when that code arrives decides how a workload gets compiled: ftp/replies
 * measured 3.4× or 5.5× its floor, one process or the next. Compiled on the main thread,
 * at a fixed point of the run, the same figure repeats within ±1-3 %. Likewise a parallel
 * scavenge waits for helper threads a neighbour may hold: the NAT workloads' rounds
 * spread 12-53 % with it, 4-12 % without (docs/benchmarks.md). V8 reads these flags at
 * startup only, hence a child process. */
const STABLE_JIT_FLAGS = ["--no-concurrent-recompilation", "--single-threaded-gc"];

function hasStableJit(): boolean {
  return STABLE_JIT_FLAGS.every((flag) => process.execArgv.includes(flag));
}

/** The command line that repeats this bench run (in another process). */
export function benchArgs(helperNames: string[], flags: BenchFlags): string[] {
  const args = ["bench", ...helperNames];
  if (flags.quick) args.push("--quick");
  if (!flags.scaling) args.push("--no-scaling");
  if (flags.workload !== undefined) args.push("--workload", ...flags.workload);
  if (flags.plantSlowdown !== undefined) args.push("--plant-slowdown", flags.plantSlowdown);
  if (flags.compare !== undefined) args.push("--compare", flags.compare);
  if (typeof flags.updateBaseline === "string")
    args.push("--update-baseline", flags.updateBaseline);
  else if (flags.updateBaseline === true) args.push("--update-baseline");
  if (flags.figuresOut !== undefined) args.push("--figures-out", flags.figuresOut);
  return args;
}

/** Runs the bench command in a fresh node with the stable-JIT flags. */
function benchChild(args: string[], stdio: "inherit" | "pipe") {
  return spawnSync(process.execPath, [...STABLE_JIT_FLAGS, CLI_ENTRY, ...args], {
    encoding: "utf8",
    stdio,
    timeout: 600_000,
    env: stdio === "pipe" ? { ...process.env, NO_COLOR: "1" } : process.env,
  });
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
  if (!hasStableJit()) {
    const child = benchChild(benchArgs(helperNames, flags), "inherit");
    if (child.status === null) throw new RunFailure(`bench process ended by ${child.signal}`);
    return child.status;
  }
  const settings: MeasureSettings = flags.quick ? QUICK_SETTINGS : FULL_SETTINGS;
  const gating =
    baseline !== undefined || updatePath !== undefined || flags.figuresOut !== undefined;
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

  const recorded = (): BaselineFile["recorded"] => ({
    date: new Date().toISOString(),
    node: process.version,
    cpus: `${cpus().length} × ${cpus()[0]?.model ?? "?"}`,
    mode: flags.quick ? "quick" : "full",
  });
  if (flags.figuresOut !== undefined) {
    writeBaseline(flags.figuresOut, mergeBaseline(undefined, measured, recorded()));
  }
  if (updatePath !== undefined) {
    let previous: ReturnType<typeof readBaseline> | undefined;
    try {
      previous = readBaseline(updatePath);
    } catch {
      previous = undefined;
    }
    writeBaseline(updatePath, mergeBaseline(previous, measured, recorded()));
    out.write(`\nbaseline written: ${updatePath}\n`);
    return 0;
  }
  if (baseline === undefined) return 0;
  return gate(baseline.helpers, measured, flags.workload, () =>
    measureInFreshProcess(suites, flags),
  );
}

function gate(
  baseline: Figures,
  measured: Figures,
  only: string[] | undefined,
  measureAgain: () => Figures,
): number {
  const out = process.stdout;
  // Judge only what was asked for: a workload left out by --workload is not "missing".
  const relevant: Figures = {};
  for (const [helper, workloads] of Object.entries(baseline)) {
    relevant[helper] = Object.fromEntries(
      Object.entries(workloads).filter(([name]) => only === undefined || only.includes(name)),
    );
  }
  let verdicts = compareFigures(relevant, measured);
  const suspects = verdicts.filter((v) => v.status === "regressed");
  if (suspects.length > 0) {
    out.write(
      `\nsuspected: ${suspects.map((v) => `${v.helper}/${v.workload} +${((v.change ?? 0) * 100).toFixed(1)}%`).join(", ")}; re-measuring in a fresh process\n`,
    );
    verdicts = confirmInSecondProcess(verdicts, relevant, measureAgain());
  }
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
        `REGRESSION ${v.helper}/${v.workload}: ${((v.change ?? 0) * 100).toFixed(1)}% slower relative to its floor in two processes (threshold ${((v.threshold ?? 0) * 100).toFixed(1)}%)\n`,
      ),
    );
  }
  for (const v of verdicts.filter((x) => x.status === "missing")) {
    out.write(pc.red(`MISSING ${v.helper}/${v.workload}: in the baseline, not in the suite\n`));
  }
  out.write(failed ? pc.red("gate: FAIL\n") : pc.green("gate: pass\n"));
  return failed ? 1 : 0;
}

/** Runs the same measurement again in a fresh process: every suite and workload of this
 * run, in the same order and mode, so the child's JIT sees the same code as this one did;
 * only its layout and its moment on the machine are new. A suspect measured alone would be
 * compiled differently (one helper at the driver's call site instead of four). */
function measureInFreshProcess(suites: BenchSuite[], flags: BenchFlags): Figures {
  const dir = mkdtempSync(join(tmpdir(), "helperfuzz-gate-"));
  const file = join(dir, "figures.json");
  const args = benchArgs(
    suites.map((s) => s.name),
    { ...flags, compare: undefined, updateBaseline: undefined, figuresOut: file },
  );
  try {
    const child = benchChild(args, "pipe");
    if (child.status !== 0) {
      throw new RunFailure(
        `the gate's re-measurement failed (exit ${child.status ?? child.signal}):\n${child.stderr}`,
      );
    }
    return readBaseline(file).helpers;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
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

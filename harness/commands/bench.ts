// `helperfuzz bench`: the helpers' hot-path benchmarks and the regression gate. Prints a
// table per helper; with --against REV, measures the tree at REV side by side with this
// one on this machine and fails (exit 1) on a workload surely slower than there.

import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { type Command, Option } from "commander";
import pc from "picocolors";
import { readFigures, writeFigures } from "../../bench/core/figures-file.ts";
import {
  DEFAULT_POLICY,
  type Figures,
  type GateVerdict,
  gateFails,
} from "../../bench/core/gate.ts";
import { FULL_SETTINGS, type MeasureSettings, QUICK_SETTINGS } from "../../bench/core/measure.ts";
import {
  byteScalingTable,
  connectionScalingTable,
  gateTable,
  workloadTable,
} from "../../bench/core/report.ts";
import { byteScaling, connectionScaling, perByteGrowth } from "../../bench/core/scaling.ts";
import {
  DEFAULT_SCHEDULE,
  describeChange,
  runSideBySide,
  type Selection,
  type Tree,
} from "../../bench/core/side-by-side.ts";
import { slowedHelper } from "../../bench/core/slowdown.ts";
import { runSuite, type SuiteRunOptions, type WorkloadResult } from "../../bench/core/suite-run.ts";
import { checkOutTree, resolveCommit } from "../../bench/core/tree-checkout.ts";
import type { BenchSuite } from "../../bench/core/workload.ts";
import { benchSuites } from "../../bench/registry.ts";
import { HarnessError, parsePositiveInt, RunFailure, UsageError } from "../usage.ts";

/** This tree: the working tree the CLI runs from, uncommitted changes included. */
const REPO_ROOT = join(import.meta.dirname, "..", "..");

/** The entry point every bench process goes through: a process that loads different
 * modules lands on a different JIT layout, so both trees are measured through their own
 * bin/helperfuzz.mjs. */
const CLI_ENTRY = join(REPO_ROOT, "bin", "helperfuzz.mjs");

interface BenchFlags {
  against?: string;
  compare?: string;
  updateBaseline?: string | boolean;
  quick?: boolean;
  scaling: boolean;
  spec: boolean;
  rounds?: string;
  workload?: string[];
  plantSlowdown?: string;
  figuresOut?: string;
}

export function registerBenchCommand(program: Command, exit: (code: number) => void): void {
  program
    .command("bench")
    .description("benchmark the helpers' packet-matching hot path; gate against another commit")
    .argument("[helper...]", "helpers to benchmark (default: all with a suite)")
    .option(
      "--against <rev>",
      "the gate: measure the tree at this git revision side by side with this tree; exit 1 on a regression",
    )
    .option("--quick", "fewer and shorter rounds, no scaling tables (what CI runs)")
    .option("--no-scaling", "skip the byte and connection scaling tables")
    .option("--no-spec", "do not time the spec model (no spec ÷ fast column)")
    .option("--rounds <n>", "rounds per workload (default: 9 quick, 15 full)")
    .option("--workload <name...>", "only these workloads")
    .option(
      "--plant-slowdown <percent>",
      "check the gate: make the helper (of this tree) do this much more work per packet",
    )
    .option("--figures-out <file>", "write the measured figures as JSON (what the gate reads)")
    .addOption(new Option("--compare <file>").hideHelp())
    .addOption(new Option("--update-baseline [file]").hideHelp())
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
  if (!flags.spec) args.push("--no-spec");
  if (flags.rounds !== undefined) args.push("--rounds", flags.rounds);
  if (flags.workload !== undefined) args.push("--workload", ...flags.workload);
  if (flags.plantSlowdown !== undefined) args.push("--plant-slowdown", flags.plantSlowdown);
  if (flags.figuresOut !== undefined) args.push("--figures-out", flags.figuresOut);
  return args;
}

/** Runs a tree's bench command in a fresh node with the stable-JIT flags. */
function benchChild(entry: string, args: string[], stdio: "inherit" | "pipe") {
  return spawnSync(process.execPath, [...STABLE_JIT_FLAGS, entry, ...args], {
    encoding: "utf8",
    stdio,
    timeout: 600_000,
    maxBuffer: 1 << 26,
    env: stdio === "pipe" ? { ...process.env, NO_COLOR: "1" } : process.env,
  });
}

/** The stored-ratio flags are gone: a ratio recorded on one CPU is not the same number on
 * another (issue 10), so nothing is recorded any more; both trees are measured here. */
function refuseRemovedFlags(flags: BenchFlags): void {
  const instead =
    "a ratio baseline recorded on one CPU does not hold on another; the gate now measures the baseline tree side by side with this one: --against REV (CI: --against HEAD^; see docs/benchmarks.md)";
  if (flags.compare !== undefined) throw new UsageError(`--compare FILE was replaced: ${instead}`);
  if (flags.updateBaseline !== undefined) {
    throw new UsageError(`--update-baseline was removed: ${instead}`);
  }
}

function benchCommand(helperNames: string[], flags: BenchFlags): number {
  refuseRemovedFlags(flags);
  const suites = chooseSuites(helperNames);
  checkWorkloadNames(suites, flags.workload);
  const slowdown = parseSlowdown(flags.plantSlowdown);
  const defaults: MeasureSettings = flags.quick ? QUICK_SETTINGS : FULL_SETTINGS;
  const settings: MeasureSettings =
    flags.rounds === undefined
      ? defaults
      : { ...defaults, rounds: parsePositiveInt(flags.rounds, "--rounds") };
  if (flags.against !== undefined) {
    if (flags.figuresOut !== undefined) {
      throw new UsageError("--against and --figures-out exclude each other: gate or measure");
    }
    if (flags.rounds !== undefined) {
      throw new UsageError(
        "--against sets the rounds of its bench processes itself: drop --rounds",
      );
    }
    return sideBySideGate(helperNames, flags);
  }
  if (!hasStableJit()) {
    const child = benchChild(CLI_ENTRY, benchArgs(helperNames, flags), "inherit");
    if (child.status === null) throw new RunFailure(`bench process ended by ${child.signal}`);
    return child.status;
  }
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
    spec: flags.spec,
    helper: slowdown === undefined ? undefined : slowedHelper(suite.helper, slowdown),
  });
  for (const suite of suites) {
    out.write(`\n${pc.bold(suite.name)}\n`);
    const results = runSuite(suite, options(suite));
    for (const line of workloadTable(results)) out.write(`${line}\n`);
    measured[suite.name] = figuresOf(results);
    if (flags.scaling && !flags.quick && flags.figuresOut === undefined) {
      printScaling(suite, settings);
    }
  }
  if (flags.figuresOut !== undefined) {
    writeFigures(flags.figuresOut, {
      version: 1,
      recorded: {
        date: new Date().toISOString(),
        node: process.version,
        cpus: cpuModel(),
        mode: flags.quick ? "quick" : "full",
      },
      helpers: measured,
    });
  }
  return 0;
}

function cpuModel(): string {
  return `${cpus().length} × ${cpus()[0]?.model ?? "?"}`;
}

/** Whether a tree's bench knows the gate's short mode (--rounds, --no-spec). Older trees
 * know only the full quick mode; both trees must measure alike, so the short mode is used
 * only when both know it. */
function knowsShortMode(entry: string): boolean {
  const help = spawnSync(process.execPath, [entry, "bench", "--help"], {
    encoding: "utf8",
    timeout: 120_000,
  });
  return help.status === 0 && help.stdout.includes("--no-spec") && help.stdout.includes("--rounds");
}

/** The gate's short mode: a process's own rounds matter less than how many fresh
 * processes there are (a process's layout and moment on the machine move its figure more
 * than its rounds scatter), so each process times 3 rounds instead of 9 and skips the spec
 * model: ~10 s a process instead of ~22 s. */
const SHORT_MODE = { rounds: "3", spec: false };

/** The gate: fresh processes of the tree at --against and of this tree, interleaved, on
 * this machine (bench/core/side-by-side.ts decides). */
function sideBySideGate(helperNames: string[], flags: BenchFlags): number {
  const out = process.stdout;
  const revision = flags.against ?? "HEAD";
  const commit = resolveCommit(REPO_ROOT, revision);
  const started = performance.now();
  const base = checkOutTree(REPO_ROOT, commit);
  const dir = mkdtempSync(join(tmpdir(), "helperfuzz-gate-"));
  try {
    const entries: Record<Tree, string> = {
      base: join(base.root, "bin", "helperfuzz.mjs"),
      changed: CLI_ENTRY,
    };
    const short = knowsShortMode(entries.base) && knowsShortMode(entries.changed);
    out.write(
      `helperfuzz bench: the gate, this tree against ${revision} (${commit.slice(0, 12)}), side by side on ${cpuModel()}; ${flags.quick ? "quick" : "full"}${short ? ` (${SHORT_MODE.rounds} rounds a process, no spec timing)` : " (the base tree has no short mode)"}, ${DEFAULT_SCHEDULE.firstPairs} pairs of fresh processes, then up to ${DEFAULT_SCHEDULE.maxSecondPairs} pairs of the suspects` +
        (flags.plantSlowdown === undefined
          ? ""
          : pc.yellow(`; planted slowdown +${flags.plantSlowdown}% in this tree`)) +
        "\n",
    );
    let processes = 0;
    const measure = (tree: Tree, selection: Selection): Figures => {
      const file = join(dir, `${processes++}-${tree}.json`);
      const args = benchArgs(selection.helpers, {
        quick: flags.quick,
        scaling: true,
        spec: short ? SHORT_MODE.spec : true,
        rounds: short ? SHORT_MODE.rounds : undefined,
        workload: selection.workloads,
        plantSlowdown: tree === "changed" ? flags.plantSlowdown : undefined,
        figuresOut: file,
      });
      const child = benchChild(entries[tree], args, "pipe");
      if (child.status !== 0) {
        throw new HarnessError(
          `the gate's ${tree === "base" ? `${revision} tree` : "this tree"}'s bench process failed (exit ${child.status ?? child.signal}): ${child.error?.message ?? ""}\n${(child.stderr ?? "").slice(-4000)}`,
        );
      }
      return readFigures(file).helpers;
    };
    const seconds = () => ((performance.now() - started) / 1000).toFixed(0);
    const verdicts = runSideBySide(
      {
        measure,
        now: () => performance.now(),
        log: (line) => out.write(`[${seconds()} s] ${line}\n`),
      },
      { helpers: helperNames, workloads: flags.workload },
    );
    return reportGate(verdicts, revision, processes, seconds());
  } finally {
    base.remove();
    rmSync(dir, { recursive: true, force: true });
  }
}

function reportGate(
  verdicts: readonly GateVerdict[],
  revision: string,
  processes: number,
  seconds: string,
): number {
  const out = process.stdout;
  const tolerance = `${(DEFAULT_POLICY.tolerance * 100).toFixed(0)}%`;
  out.write(
    `\n${pc.bold("gate")} (ratio to floor: this tree vs ${revision}, same machine, same time)\n`,
  );
  for (const line of gateTable(verdicts)) out.write(`${line}\n`);
  const named = (v: GateVerdict) => `${v.helper}/${v.workload}`;
  for (const v of verdicts.filter((x) => x.status === "regressed")) {
    out.write(
      pc.red(
        `REGRESSION ${named(v)}: ${describeChange(v)} slower relative to its floor than at ${revision}, in the first pairs and again in fresh pairs (fails beyond ${tolerance})\n`,
      ),
    );
  }
  const inconclusive = verdicts.filter((x) => x.status === "inconclusive");
  for (const v of inconclusive) {
    out.write(
      pc.yellow(
        `INCONCLUSIVE ${named(v)}: ${describeChange(v)} — too noisy on this machine now to tell a ${tolerance} change from noise; not counted as a failure\n`,
      ),
    );
  }
  for (const v of verdicts.filter((x) => x.status === "new" || x.status === "removed")) {
    out.write(
      `${v.status} ${named(v)}: only in ${v.status === "new" ? "this tree" : revision}, not judged\n`,
    );
  }
  const failed = gateFails(verdicts);
  const summary = `${processes} processes, ${seconds} s`;
  if (failed) out.write(pc.red(`gate: FAIL (${summary})\n`));
  else if (inconclusive.length > 0) {
    out.write(pc.yellow(`gate: pass, ${inconclusive.length} inconclusive (${summary})\n`));
  } else out.write(pc.green(`gate: pass (${summary})\n`));
  return failed ? 1 : 0;
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

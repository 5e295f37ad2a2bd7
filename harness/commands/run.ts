// `helperfuzz run`: the main job. Every property of the chosen helpers against the target,
// a progress line, a summary table, each failure minimized, saved, then reported.

import type { Command } from "commander";
import pc from "picocolors";
import type { Flow, Outcome } from "../../helpers/core/model.ts";
import { type CampaignEntry, plannedProperties, runCampaign } from "../campaign.ts";
import { createProgress } from "../progress.ts";
import { renderFlow, renderSideBySide } from "../render.ts";
import { parsePositiveInt, parseSeconds, parseSeed, UsageError } from "../usage.ts";
import type { ExitWith } from "./index.ts";
import { chooseHelpers, chooseTarget } from "./options.ts";

interface RunFlags {
  runs?: string;
  time?: string;
  seed?: string;
  target: string;
  property?: string[];
  findings: string;
}

export const DEFAULT_RUNS = 10_000;

export function registerRunCommand(program: Command, exit: ExitWith): void {
  program
    .command("run")
    .description("check every property of the chosen helpers (all by default) against a target")
    .argument("[helper...]", "helpers to check (default: all)")
    .option(
      "--runs <n>",
      `generated flows per property (default ${DEFAULT_RUNS}; with --time: no cap)`,
    )
    .option("--time <seconds>", "wall-clock budget for the whole run, shared among properties")
    .option("--seed <n>", "seed for the generators (default: random, printed)")
    .option("--target <name>", "target under test: builtin or spec", "builtin")
    .option("--property <name...>", "only these properties")
    .option("--findings <dir>", "where failures are saved", "findings")
    .action((helperNames: string[], flags: RunFlags) => {
      exit(runCommand(helperNames, flags));
    });
}

function runCommand(helperNames: string[], flags: RunFlags): number {
  const helpers = chooseHelpers(helperNames);
  const { target, reference } = chooseTarget(flags.target);
  const timeSeconds = flags.time === undefined ? undefined : parseSeconds(flags.time, "--time");
  const runs =
    flags.runs !== undefined
      ? parsePositiveInt(flags.runs, "--runs")
      : timeSeconds !== undefined
        ? Number.MAX_SAFE_INTEGER
        : DEFAULT_RUNS;
  const seed = flags.seed === undefined ? (Math.random() * 0x7fffffff) | 0 : parseSeed(flags.seed);
  const plan = plannedProperties({ helpers, properties: flags.property });
  if (plan.length === 0) {
    throw new UsageError(
      `no property named ${flags.property?.join(", ")} in ${helpers.join(", ")}`,
    );
  }

  const out = process.stdout;
  out.write(
    `helperfuzz run: ${helpers.join(", ")} on ${target.name}, ${plan.length} properties, seed ${seed}\n`,
  );
  const entries = runCampaign({
    helpers,
    properties: flags.property,
    runs,
    timeSeconds,
    seed,
    target,
    reference,
    findingsDir: flags.findings,
    progress: createProgress(),
    onResult: (entry) => {
      if (entry.result.failure) reportFailure(entry, reference.name);
    },
  });
  out.write(`\n${summaryTable(entries).join("\n")}\n`);
  for (const e of entries) {
    if (e.result.skipped)
      out.write(pc.yellow(`skipped ${e.helper}/${e.result.property}: ${e.result.skipped}\n`));
  }
  const failed = entries.filter((e) => e.result.failure).length;
  const flows = entries.reduce((n, e) => n + e.result.runs, 0);
  out.write(
    failed === 0
      ? pc.green(`all ${entries.length} properties held on ${flows} flows (seed ${seed})\n`)
      : pc.red(`${failed} of ${entries.length} properties failed (seed ${seed})\n`),
  );
  return failed === 0 ? 0 : 1;
}

function reportFailure(entry: CampaignEntry, referenceName: string): void {
  const { result, helper } = entry;
  const failure = result.failure!;
  const out = process.stdout;
  out.write(`\n${pc.red("FAIL")} ${helper}/${result.property} on ${result.target}\n`);
  out.write(`  ${failure.message.split("\n").join("\n  ")}\n`);
  out.write(`  minimized flow (${failure.shrinks} shrinks):\n`);
  for (const line of renderFlow(failure.flow)) out.write(`    ${line}\n`);
  for (const line of outcomesSideBySide(failure.flow, result.target, referenceName)) {
    out.write(`  ${line}\n`);
  }
  out.write(`  saved: ${entry.findingPath}\n`);
  out.write(
    `  replay: helperfuzz replay ${entry.findingPath}   (seed ${failure.seed}, path ${failure.path})\n`,
  );
}

function outcomesSideBySide(flow: Flow, targetName: string, referenceName: string): string[] {
  const { target, reference } = chooseTarget(targetName);
  const attempt = (run: () => Outcome): Outcome | string => {
    try {
      return run();
    } catch (error) {
      return `threw: ${error instanceof Error ? error.message : String(error)}`;
    }
  };
  return renderSideBySide(
    targetName,
    attempt(() => target.run(flow)),
    referenceName,
    attempt(() => reference.run(flow)),
  );
}

function summaryTable(entries: CampaignEntry[]): string[] {
  const rows = entries.map((e) => [
    `${e.helper}/${e.result.property}`,
    String(e.result.runs),
    e.result.failure ? pc.red("FAIL") : e.result.skipped ? pc.yellow("skipped") : pc.green("ok"),
    String(Math.round(e.result.runs / Math.max(e.result.durationMs / 1000, 1e-9))),
  ]);
  const header = ["property", "runs", "result", "flows/s"];
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((r) => stripAnsi(r[i]).length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((c, i) =>
        i === 0
          ? c + " ".repeat(widths[i] - stripAnsi(c).length)
          : " ".repeat(widths[i] - stripAnsi(c).length) + c,
      )
      .join("  ");
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)];
}

function stripAnsi(text: string): string {
  return text.replace(/\x1b\[[0-9;]*m/g, "");
}

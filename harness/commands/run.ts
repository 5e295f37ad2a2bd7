// `helperfuzz run`: the main job. Every property of the chosen helpers against the target,
// a progress line, a summary table, each failure minimized, saved, then reported.

import type { Command } from "commander";
import { plannedProperties } from "../campaign.ts";
import { UsageError } from "../usage.ts";
import {
  type BudgetFlags,
  DEFAULT_RUNS,
  finishReport,
  parseBudget,
  runReportedCampaign,
} from "./campaign-report.ts";
import type { ExitWith } from "./index.ts";
import { chooseHelpers, chooseTarget } from "./options.ts";

export { DEFAULT_RUNS } from "./campaign-report.ts";

interface RunFlags extends BudgetFlags {
  target: string;
  property?: string[];
  findings: string;
}

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
    .action(async (helperNames: string[], flags: RunFlags) => {
      exit(await runCommand(helperNames, flags));
    });
}

async function runCommand(helperNames: string[], flags: RunFlags): Promise<number> {
  const helpers = chooseHelpers(helperNames);
  const { target } = chooseTarget(flags.target);
  const { runs, timeSeconds, seed } = parseBudget(flags);
  const plan = plannedProperties({ helpers, properties: flags.property });
  if (plan.length === 0) {
    throw new UsageError(
      `no property named ${flags.property?.join(", ")} in ${helpers.join(", ")}`,
    );
  }

  process.stdout.write(
    `helperfuzz run: ${helpers.join(", ")} on ${target.name}, ${plan.length} properties, seed ${seed}\n`,
  );
  const report = await runReportedCampaign(
    {
      helpers,
      properties: flags.property,
      runs,
      timeSeconds,
      seed,
      target: target.name,
      reference: target.name === "spec" ? "builtin" : "spec",
      findingsDir: flags.findings,
    },
    "run",
  );
  return finishReport(report);
}

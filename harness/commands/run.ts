// `helperfuzz run`: the main job. Every property of the chosen helpers against the target,
// a progress line, a summary table, each failure minimized, saved, then reported.

import type { Command } from "commander";
import { plannedProperties } from "../campaign.ts";
import { checkFindingsDir } from "../findings-dir.ts";
import { finishReport, propertiesText, runReportedCampaign } from "./campaign-report.ts";
import type { ExitWith } from "./exit.ts";
import {
  addCampaignOptions,
  type BudgetFlags,
  type CampaignFlags,
  campaignPlanFlags,
  chooseHelpers,
  chooseProperties,
  chooseTarget,
  DEFAULT_RUNS,
  type PropertyFlags,
  parseBudget,
  propertyOption,
  SEED_RANGE,
  shardText,
  skipPropertyOption,
} from "./options.ts";

interface RunFlags extends BudgetFlags, PropertyFlags, CampaignFlags {
  target: string;
  findings: string;
}

export function registerRunCommand(program: Command, exit: ExitWith): void {
  const command = program
    .command("run")
    .description("check every property of the chosen helpers (all by default) against a target")
    .argument("[helper...]", "helpers to check (default: all)")
    .option(
      "--runs <n>",
      `generated flows per property (default ${DEFAULT_RUNS}; with --time: no cap)`,
    )
    .option(
      "--time <duration>",
      "wall-clock budget for the whole run (seconds, or 90s, 10m, 1h30m), split evenly among the helpers and within each among its properties",
    )
    .option("--seed <n>", `seed for the generators, ${SEED_RANGE} (default: random, printed)`)
    .option("--target <name>", "target under test: builtin or spec", "builtin")
    .addOption(propertyOption())
    .addOption(skipPropertyOption())
    .option("--findings <dir>", "where failures are saved", "findings");
  addCampaignOptions(command).action(async (helperNames: string[], flags: RunFlags) => {
    exit(await runCommand(helperNames, flags));
  });
}

async function runCommand(helperNames: string[], flags: RunFlags): Promise<number> {
  const helpers = chooseHelpers(helperNames);
  const { target } = chooseTarget(flags.target);
  const { runs, timeSeconds, seed } = parseBudget(flags);
  const properties = chooseProperties(helpers, flags);
  checkFindingsDir(flags.findings);
  const plan = plannedProperties({ helpers, properties });

  process.stdout.write(
    `helperfuzz run: ${helpers.join(", ")} on ${target.name}, ${propertiesText(plan.length)}, seed ${seed}${shardText(flags)}\n`,
  );
  const report = await runReportedCampaign(
    {
      helpers,
      properties,
      runs,
      timeSeconds,
      seed,
      target: target.name,
      reference: target.name === "spec" ? "builtin" : "spec",
      findingsDir: flags.findings,
      ...campaignPlanFlags(flags),
    },
    "run",
  );
  return finishReport(report);
}

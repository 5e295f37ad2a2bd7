// `helperfuzz check --target T [helper...]`: an author's own helper (module:PATH or
// cmd:COMMAND) against every property of the helpers it implements, with the spec model as
// the reference. Same progress, findings on disk, summary and exit codes as `run`; a target
// that crashes, hangs or answers garbage is a finding like any other.

import type { Command } from "commander";
import pc from "picocolors";
import { propertyRegistry } from "../../properties/registry.ts";
import { type CampaignEntry, plannedProperties } from "../campaign.ts";
import { specTarget } from "../targets/in-process.ts";
import { isMisbehaviourMessage } from "../targets/misbehaviour.ts";
import { type OpenedTarget, openTarget } from "../targets/open-target.ts";
import { DEFAULT_FLOW_TIMEOUT_MS, ProcessTarget } from "../targets/process-target.ts";
import { parsePositiveInt, UsageError } from "../usage.ts";
import {
  type BudgetFlags,
  DEFAULT_RUNS,
  finishReport,
  parseBudget,
  runReportedCampaign,
} from "./campaign-report.ts";
import type { ExitWith } from "./index.ts";

interface CheckFlags extends BudgetFlags {
  target: string;
  property?: string[];
  skipProperty?: string[];
  findings: string;
  flowTimeout?: string;
}

export function registerCheckCommand(program: Command, exit: ExitWith): void {
  program
    .command("check")
    .description(
      "check your own helper (module:PATH, cmd:COMMAND, cthelper:NAME|PATH.so) against every property, the spec model as reference",
    )
    .argument("[helper...]", "helpers to check (default: every one the target implements)")
    .requiredOption(
      "--target <target>",
      "module:PATH (a JS/TS helper module) or cmd:COMMAND (a program speaking protocol v1)",
    )
    .option(
      "--runs <n>",
      `generated flows per property (default ${DEFAULT_RUNS}; with --time: no cap)`,
    )
    .option("--time <seconds>", "wall-clock budget for the whole check, shared among properties")
    .option("--seed <n>", "seed for the generators (default: random, printed)")
    .option("--property <name...>", "only these properties")
    .option("--skip-property <name...>", "all properties but these")
    .option(
      "--flow-timeout <ms>",
      `cmd: targets: longest answer to one flow before it counts as hung (default ${DEFAULT_FLOW_TIMEOUT_MS})`,
    )
    .option("--findings <dir>", "where failures are saved", "findings")
    .action(async (helperNames: string[], flags: CheckFlags) => {
      exit(await checkCommand(helperNames, flags));
    });
}

async function checkCommand(helperNames: string[], flags: CheckFlags): Promise<number> {
  // Every flag is read before the target starts: a typo should not cost a process start.
  const budget = parseBudget(flags);
  const flowTimeoutMs =
    flags.flowTimeout === undefined
      ? undefined
      : parsePositiveInt(flags.flowTimeout, "--flow-timeout");
  if (flags.property && flags.skipProperty) {
    throw new UsageError("--property and --skip-property exclude each other");
  }
  const target = await openTarget(flags.target, { flowTimeoutMs });
  try {
    return runCheck(target, chooseCheckedHelpers(target, helperNames), flags, budget);
  } finally {
    await target.close();
  }
}

/** The named helpers (each must be implemented by the target and have properties), or every
 * helper the target implements that has properties. */
export function chooseCheckedHelpers(target: OpenedTarget, names: string[]): string[] {
  const implemented = target.helpers();
  const withProperties = Object.keys(propertyRegistry);
  for (const name of names) {
    if (!withProperties.includes(name)) {
      throw new UsageError(
        `no properties for helper "${name}" (known: ${withProperties.join(", ")})`,
      );
    }
    if (!implemented.includes(name)) {
      throw new UsageError(
        `${target.name} does not implement "${name}" (it implements: ${implemented.join(", ") || "nothing"})`,
      );
    }
  }
  if (names.length > 0) return [...new Set(names)];
  const checked = implemented.filter((h) => withProperties.includes(h));
  if (checked.length === 0) {
    throw new UsageError(
      `${target.name} implements ${implemented.join(", ") || "no helper"}; helperfuzz has properties for ${withProperties.join(", ")}`,
    );
  }
  return checked;
}

function chooseProperties(helpers: string[], flags: CheckFlags): string[] | undefined {
  const asked = flags.property ?? flags.skipProperty;
  if (asked === undefined) return undefined;
  const known = plannedProperties({ helpers }).map((p) => p.property.name);
  for (const name of asked) {
    if (!known.includes(name)) {
      throw new UsageError(
        `no property named "${name}" in ${helpers.join(", ")} (known: ${[...new Set(known)].join(", ")})`,
      );
    }
  }
  if (flags.property) return flags.property;
  const kept = known.filter((name) => !asked.includes(name));
  if (kept.length === 0) throw new UsageError("--skip-property leaves no property to check");
  return kept;
}

function runCheck(
  target: OpenedTarget,
  helpers: string[],
  flags: CheckFlags,
  { runs, timeSeconds, seed }: ReturnType<typeof parseBudget>,
): number {
  const properties = chooseProperties(helpers, flags);
  const plan = plannedProperties({ helpers, properties });
  const reference = specTarget;
  process.stdout.write(
    `helperfuzz check: ${helpers.join(", ")} on ${target.name} (reference: ${reference.name}), ${plan.length} properties, seed ${seed}\n`,
  );
  const entries = runReportedCampaign({
    helpers,
    properties,
    runs,
    timeSeconds,
    seed,
    target,
    reference,
    findingsDir: flags.findings,
  });
  reportMisbehaviours(entries, target);
  return finishReport(entries, seed);
}

function reportMisbehaviours(entries: CampaignEntry[], target: OpenedTarget): void {
  const misbehaved = entries.filter(
    (e) => e.result.failure && isMisbehaviourMessage(e.result.failure.message),
  );
  if (misbehaved.length === 0) return;
  const restarts =
    target instanceof ProcessTarget ? `; the program was started ${target.starts} times` : "";
  process.stdout.write(
    pc.red(
      `\nthe target misbehaved (crash, hang, garbage, leak) in ${misbehaved.length} properties${restarts}: ${misbehaved.map((e) => e.result.property).join(", ")}\n`,
    ),
  );
}

// `helperfuzz check --target T [helper...]`: an author's own helper (module:PATH or
// cmd:COMMAND) against every property of the helpers it implements, with the spec model as
// the reference. Same progress, findings on disk, summary and exit codes as `run`; a target
// that crashes, hangs or answers garbage is a finding like any other.

import { existsSync } from "node:fs";
import { relative, resolve } from "node:path";
import type { Command } from "commander";
import pc from "picocolors";
import { propertyRegistry } from "../../properties/registry.ts";
import { type CampaignEntry, plannedProperties } from "../campaign.ts";
import { checkFindingsDir } from "../findings-dir.ts";
import {
  CTHELPER_KNOWN_DIFFERENCES_FILE,
  defaultKnownDifferencesFile,
  loadThirdPartyKnownDifferences,
} from "../known-differences.ts";
import { specTarget } from "../targets/in-process.ts";
import { isMisbehaviourMessage } from "../targets/misbehaviour.ts";
import { type OpenedTarget, openTarget } from "../targets/open-target.ts";
import { DEFAULT_FLOW_TIMEOUT_MS } from "../targets/process-target.ts";
import { parsePositiveInt, UsageError } from "../usage.ts";
import { finishReport, propertiesText, runReportedCampaign } from "./campaign-report.ts";
import type { ExitWith } from "./exit.ts";
import {
  addCampaignOptions,
  type Budget,
  type BudgetFlags,
  type CampaignFlags,
  campaignPlanFlags,
  chooseProperties,
  DEFAULT_RUNS,
  type PropertyFlags,
  parseBudget,
  propertyOption,
  SEED_RANGE,
  skipPropertyOption,
} from "./options.ts";

interface CheckFlags extends BudgetFlags, PropertyFlags, CampaignFlags {
  target: string;
  findings: string;
  flowTimeout?: string;
  knownDifferences?: string;
}

export function registerCheckCommand(program: Command, exit: ExitWith): void {
  const command = program
    .command("check")
    .description(
      "check your own helper (module:PATH, cmd:COMMAND, cthelper:NAME|PATH.so[+memcheck]) against every property, the spec model as reference",
    )
    .argument("[helper...]", "helpers to check (default: every one the target implements)")
    .requiredOption(
      "--target <target>",
      "module:PATH (a JS/TS helper module), cmd:COMMAND (a program speaking protocol v1 or v2) or cthelper:NAME|PATH.so[+memcheck] (a conntrack-tools plugin; +memcheck runs it under valgrind: memory errors are findings)",
    )
    .option(
      "--runs <n>",
      `generated flows per property (default ${DEFAULT_RUNS}; with --time: no cap)`,
    )
    .option(
      "--time <duration>",
      "wall-clock budget for the whole check (seconds, or 90s, 10m, 1h30m), split evenly among the helpers and within each among its properties",
    )
    .option("--seed <n>", `seed for the generators, ${SEED_RANGE} (default: random, printed)`)
    .addOption(propertyOption())
    .addOption(skipPropertyOption())
    .option(
      "--flow-timeout <ms>",
      `cmd: and cthelper: targets: longest answer to one flow before it counts as hung (default ${DEFAULT_FLOW_TIMEOUT_MS}; ×50 under +memcheck)`,
    )
    .option("--findings <dir>", "where failures are saved", "findings")
    .option(
      "--known-differences <file>",
      `a third-party known-differences file: a difference it documents is masked and tallied, any other is a finding; none = off (default for cthelper: targets: ${relative(process.cwd(), CTHELPER_KNOWN_DIFFERENCES_FILE)}, else none)`,
    );
  addCampaignOptions(command).action(async (helperNames: string[], flags: CheckFlags) => {
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
  // Names are checked against the helpers asked for (or every helper) now, and against the
  // ones the target implements once it is open.
  checkHelperNames(helperNames);
  chooseProperties(helperNames.length > 0 ? helperNames : Object.keys(propertyRegistry), flags);
  checkFindingsDir(flags.findings);
  const knownDifferences = chooseKnownDifferences(flags);
  // Opened here to say hello and to learn its helpers; the campaign worker opens its own.
  const target = await openTarget(flags.target, { flowTimeoutMs });
  let helpers: string[];
  try {
    helpers = chooseCheckedHelpers(target, helperNames);
  } finally {
    await target.close();
  }
  return runCheck(target, helpers, flags, budget, flowTimeoutMs, knownDifferences);
}

/** The known-differences file the check masks with (read now: a broken file is bad input
 * before anything runs), or undefined for none. */
function chooseKnownDifferences(flags: CheckFlags): string | undefined {
  const asked = flags.knownDifferences;
  if (asked === "none") return undefined;
  const file = asked === undefined ? defaultKnownDifferencesFile(flags.target) : resolve(asked);
  if (file === undefined) return undefined;
  if (!existsSync(file)) throw new UsageError(`--known-differences ${asked}: no such file ${file}`);
  loadThirdPartyKnownDifferences(file);
  return file;
}

/** The named helpers (each must be implemented by the target and have properties), or every
 * helper the target implements that has properties. */
export function chooseCheckedHelpers(target: OpenedTarget, names: string[]): string[] {
  const implemented = target.helpers();
  const withProperties = Object.keys(propertyRegistry);
  checkHelperNames(names);
  for (const name of names) {
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

function checkHelperNames(names: string[]): void {
  const withProperties = Object.keys(propertyRegistry);
  for (const name of names) {
    if (!withProperties.includes(name)) {
      throw new UsageError(
        `no properties for helper "${name}" (known: ${withProperties.join(", ")})`,
      );
    }
  }
}

async function runCheck(
  target: OpenedTarget,
  helpers: string[],
  flags: CheckFlags,
  { runs, timeSeconds, seed }: Budget,
  flowTimeoutMs: number | undefined,
  knownDifferences: string | undefined,
): Promise<number> {
  const properties = chooseProperties(helpers, flags);
  const plan = plannedProperties({ helpers, properties });
  const reference = specTarget;
  process.stdout.write(
    `helperfuzz check: ${helpers.join(", ")} on ${target.name} (reference: ${reference.name}), ${propertiesText(plan.length)}, seed ${seed}\n`,
  );
  if (knownDifferences !== undefined) {
    const documented = loadThirdPartyKnownDifferences(knownDifferences).differences.filter((d) =>
      helpers.includes(d.helper),
    ).length;
    process.stdout.write(
      `known differences: ${relative(process.cwd(), knownDifferences) || knownDifferences} (${documented} ${documented === 1 ? "class" : "classes"} for ${helpers.join(", ")}; masked and tallied, --known-differences none shows them)\n`,
    );
  }
  const report = await runReportedCampaign(
    {
      helpers,
      properties,
      runs,
      timeSeconds,
      seed,
      target: flags.target,
      targetOptions: flowTimeoutMs === undefined ? undefined : { flowTimeoutMs },
      reference: "spec",
      findingsDir: flags.findings,
      ...(knownDifferences !== undefined ? { knownDifferences } : {}),
      ...campaignPlanFlags(flags),
    },
    "check",
  );
  reportMisbehaviours(report.entries, report.targetStarts);
  return finishReport(report);
}

function reportMisbehaviours(entries: CampaignEntry[], starts: number | undefined): void {
  const misbehaved = entries.filter(
    (e) => e.result.failure && isMisbehaviourMessage(e.result.failure.message),
  );
  if (misbehaved.length === 0) return;
  const restarts = starts === undefined ? "" : `; the program was started ${starts} times`;
  process.stdout.write(
    pc.red(
      `\nthe target misbehaved (crash, hang, garbage, leak) in ${misbehaved.length} properties${restarts}: ${misbehaved.map((e) => e.result.property).join(", ")}\n`,
    ),
  );
}

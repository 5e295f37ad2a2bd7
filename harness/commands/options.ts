// Option handling shared by the commands: helpers, targets, property lists and the budget.

import { existsSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, resolve } from "node:path";
import { type Command, Option } from "commander";
import type { SyncTarget } from "../../properties/core/property.ts";
import { propertyRegistry } from "../../properties/registry.ts";
import type { Shard } from "../campaign-chunks.ts";
import { builtinTarget, specTarget } from "../targets/in-process.ts";
import {
  parsePositiveInt,
  parseSeconds,
  parseSeed,
  parseWholeNumber,
  SEED_MAX,
  SEED_MIN,
  UsageError,
} from "../usage.ts";

export const DEFAULT_RUNS = 10_000;

/** What --seed takes, for --help. */
export const SEED_RANGE = `a whole number from ${SEED_MIN} to ${SEED_MAX}`;

export { chooseHelpers } from "../choose-helpers.ts";

/** The target under test and the reference it is compared with. */
export function chooseTarget(name: string): { target: SyncTarget; reference: SyncTarget } {
  if (name === "builtin") return { target: builtinTarget, reference: specTarget };
  // Checking the spec model itself: the fast helper is then the other side of the comparison.
  if (name === "spec") return { target: specTarget, reference: builtinTarget };
  throw new UsageError(
    `unknown target "${name}" for this command (use builtin or spec; your own module: or cmd: target goes to check)`,
  );
}

/** How a list flag is given, for --help and for its error messages. */
export function listFlagHelp(flag: string): string {
  return `repeat the flag or give a comma list: ${flag} a ${flag} b, ${flag} a,b`;
}

/** A commander collector for a list flag that takes one value per flag, so that it cannot
 * swallow the command's own arguments (`--property differential ftp`: ftp is a helper). */
export function collectNames(flag: string): (value: string, previous?: string[]) => string[] {
  return (value, previous = []) => {
    const names = value.split(",").map((name) => name.trim());
    if (names.some((name) => name === "")) {
      throw new UsageError(`${flag} needs a name, got "${value}" (${listFlagHelp(flag)})`);
    }
    return [...previous, ...names];
  };
}

/** `--property NAME`: only these properties (run and check). */
export function propertyOption(): Option {
  return new Option(
    "--property <name>",
    `only this property (${listFlagHelp("--property")})`,
  ).argParser(collectNames("--property"));
}

/** `--skip-property NAME`: all properties but these (run and check). */
export function skipPropertyOption(): Option {
  return new Option(
    "--skip-property <name>",
    `all properties but this one (${listFlagHelp("--skip-property")})`,
  ).argParser(collectNames("--skip-property"));
}

export interface PropertyFlags {
  property?: string[];
  skipProperty?: string[];
}

/** The properties to check on `helpers` (undefined: all of them). Every name given must be a
 * property of one of the helpers: a typo would otherwise check less than was asked. */
export function chooseProperties(helpers: string[], flags: PropertyFlags): string[] | undefined {
  if (flags.property && flags.skipProperty) {
    throw new UsageError("--property and --skip-property exclude each other");
  }
  const asked = flags.property ?? flags.skipProperty;
  if (asked === undefined) return undefined;
  const known = [
    ...new Set(helpers.flatMap((h) => propertyRegistry[h]?.properties.map((p) => p.name) ?? [])),
  ];
  const unknown = [...new Set(asked.filter((name) => !known.includes(name)))];
  if (unknown.length > 0) {
    const names = unknown.map((name) => `"${name}"`).join(", ");
    throw new UsageError(
      `unknown property ${names} for ${helpers.join(", ")} (known: ${known.join(", ")})`,
    );
  }
  if (flags.property) return [...new Set(flags.property)];
  const kept = known.filter((name) => !asked.includes(name));
  if (kept.length === 0) throw new UsageError("--skip-property leaves no property to check");
  return kept;
}

export interface BudgetFlags {
  runs?: string;
  time?: string;
  seed?: string;
}

export interface Budget {
  /** The cap on flows per property: --runs, else none under --time, else the default. */
  runs: number;
  /** --runs as given. With --time as well the time may end the run first, and the report
   * says how many of these were not done. */
  runsAsked?: number;
  timeSeconds?: number;
  seed: number;
}

export function parseBudget(flags: BudgetFlags, defaultRuns = DEFAULT_RUNS): Budget {
  const timeSeconds = flags.time === undefined ? undefined : parseSeconds(flags.time, "--time");
  const runsAsked = flags.runs === undefined ? undefined : parsePositiveInt(flags.runs, "--runs");
  const runs = runsAsked ?? (timeSeconds !== undefined ? Number.MAX_SAFE_INTEGER : defaultRuns);
  const seed = flags.seed === undefined ? (Math.random() * 0x7fffffff) | 0 : parseSeed(flags.seed);
  return { runs, runsAsked, timeSeconds, seed };
}

/** Most worker threads a campaign takes: beyond this a typo is likelier than a machine. */
export const WORKERS_MAX = 256;

/** The report files a campaign writes (campaign-report.ts writes them at its end). */
export type ReportKind = "json" | "junit" | "markdown";
export interface ReportRequest {
  kind: ReportKind;
  file: string;
}
const REPORT_KINDS: ReportKind[] = ["json", "junit", "markdown"];

/** `--workers N`: worker threads for the campaign. */
export function workersOption(): Option {
  return new Option(
    "--workers <n>",
    `worker threads, 1 to ${WORKERS_MAX} (default: the machine's cores, ${availableParallelism()} here); the findings and counts are the same for any number`,
  ).argParser((value) => parseWholeNumber(value, "--workers", 1, WORKERS_MAX));
}

/** `--shard i/n`: one of n disjoint slices of the campaign (a CI matrix job). */
export function shardOption(): Option {
  return new Option(
    "--shard <i/n>",
    "run only slice i of n (1 <= i <= n): n jobs with the same seed cover the campaign exactly once; combine their --report json files with `helperfuzz merge`",
  ).argParser(parseShard);
}

export function parseShard(text: string): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const usage = `--shard needs i/n with 1 <= i <= n, e.g. 2/4, got "${text}"`;
  if (!match) throw new UsageError(usage);
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1 || index < 1 || index > count || count > 100_000) throw new UsageError(usage);
  return { index: index - 1, count };
}

/** `--report KIND=FILE`, repeatable. */
export function reportOption(): Option {
  return new Option(
    "--report <kind=file>",
    "also write a report: json=FILE (everything, docs/report-schema.md), junit=FILE (one test case per property, for CI dashboards), markdown=FILE (a summary for a pull request or a job summary); repeat the flag for several",
  ).argParser(collectReport);
}

function collectReport(value: string, previous: ReportRequest[] = []): ReportRequest[] {
  const at = value.indexOf("=");
  const kind = value.slice(0, Math.max(at, 0)).trim() as ReportKind;
  const file = at === -1 ? "" : value.slice(at + 1);
  if (!REPORT_KINDS.includes(kind) || file.trim() === "") {
    throw new UsageError(
      `--report needs KIND=FILE with KIND one of ${REPORT_KINDS.join(", ")}, e.g. --report json=report.json, got "${value}"`,
    );
  }
  const folder = dirname(resolve(file));
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new UsageError(`--report ${kind}=${file}: the folder ${folder} does not exist`);
  }
  if (existsSync(file) && statSync(file).isDirectory()) {
    throw new UsageError(`--report ${kind}=${file} is a folder, not a file`);
  }
  return [...previous, { kind, file }];
}

/** The options every campaign command (run, check) takes for workers, shards, reports and
 * saved cases. */
export function addCampaignOptions(command: Command): Command {
  return command
    .addOption(workersOption())
    .addOption(shardOption())
    .addOption(reportOption())
    .option(
      "--no-replay-saved",
      "do not replay the saved findings (under --findings) and the corpus cases before generating new flows",
    )
    .option(
      "--coverage",
      "print every behaviour class of the spec model and how many flows reached it (always: one line per helper, and each class never reached)",
    );
}

export interface CampaignFlags {
  workers?: number;
  shard?: Shard;
  report?: ReportRequest[];
  replaySaved?: boolean;
  coverage?: boolean;
}

/** The parts of a campaign plan the campaign flags give. */
export function campaignPlanFlags(flags: CampaignFlags) {
  return {
    workers: flags.workers,
    shard: flags.shard,
    reports: flags.report ?? [],
    replaySaved: flags.replaySaved !== false,
    ...(flags.coverage ? { coverageTable: true } : {}),
  };
}

/** ", shard i/n" for the opening line, when there is one. */
export function shardText(flags: CampaignFlags): string {
  return flags.shard ? `, shard ${flags.shard.index + 1}/${flags.shard.count}` : "";
}

// Option handling shared by the commands: helpers, targets, property lists and the budget.

import { Option } from "commander";
import { helperRegistry } from "../../helpers/registry.ts";
import type { SyncTarget } from "../../properties/core/property.ts";
import { propertyRegistry } from "../../properties/registry.ts";
import { builtinTarget, specTarget } from "../targets/in-process.ts";
import {
  parsePositiveInt,
  parseSeconds,
  parseSeed,
  SEED_MAX,
  SEED_MIN,
  UsageError,
} from "../usage.ts";

export const DEFAULT_RUNS = 10_000;

/** What --seed takes, for --help. */
export const SEED_RANGE = `a whole number from ${SEED_MIN} to ${SEED_MAX}`;

export function chooseHelpers(names: string[]): string[] {
  const known = Object.keys(helperRegistry);
  if (names.length === 0) return known;
  for (const name of names) {
    if (!known.includes(name)) {
      throw new UsageError(`unknown helper "${name}" (known: ${known.join(", ")})`);
    }
  }
  return [...new Set(names)];
}

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

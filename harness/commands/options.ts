// Option handling shared by the commands that choose helpers and targets.

import { helperRegistry } from "../../helpers/registry.ts";
import type { SyncTarget } from "../../properties/core/property.ts";
import { builtinTarget, specTarget } from "../targets/in-process.ts";
import { UsageError } from "../usage.ts";

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
  throw new UsageError(`unknown target "${name}" for this command (use builtin or spec)`);
}

// The helpers a command names (all when it names none), each checked against the registry:
// below the commands, since replay's capture inputs take a --helper too.

import { helperRegistry } from "../helpers/registry.ts";
import { UsageError } from "./usage.ts";

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

// A counterexample is written to disk before anything reports it: nothing found is lost.

import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { caseToJson } from "./corpus.ts";
import type { PropertyResult } from "./runner.ts";

export interface SavedFinding {
  path: string;
}

/** Writes the minimized failure of `result` as a corpus case; returns where. */
export function saveFinding(dir: string, helper: string, result: PropertyResult): SavedFinding {
  const failure = result.failure;
  if (!failure) throw new Error("saveFinding called on a passing result");
  const folder = join(dir, helper);
  mkdirSync(folder, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const path = join(folder, `${stamp}-${result.property}-${result.target}.json`);
  const json = caseToJson({
    name: `${helper} ${result.property} on ${result.target}`,
    description: failure.message,
    property: result.property,
    flow: failure.flow,
    found: {
      seed: failure.seed,
      path: failure.path,
      target: result.target,
      property: result.property,
      message: failure.message,
    },
  });
  writeFileSync(path, json);
  return { path };
}

// What the property tests and measurements check: a helper's built-in fast helper (or a
// mutant of it) against its registered spec model.

import { helperRegistry } from "../../helpers/registry.ts";
import { builtinTarget, specTarget } from "./in-process.ts";
import type { Subject, SyncTarget } from "./property.ts";

export function subjectFor(helper: string, target: SyncTarget = builtinTarget): Subject {
  return { target, reference: specTarget, helper: helperRegistry[helper].helper };
}

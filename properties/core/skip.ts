// Some properties need a capability a target may lack (e.g. a trace of live expectations).
// They say so up front instead of passing vacuously; runners ask before running them.

import type { FlowProperty, Subject } from "./property.ts";

export interface SkippableProperty extends FlowProperty {
  /** Why this property cannot be checked against this subject; undefined = it can. */
  skipReason(subject: Subject): string | undefined;
}

export function propertySkipReason(property: FlowProperty, subject: Subject): string | undefined {
  const skippable = property as Partial<SkippableProperty>;
  return typeof skippable.skipReason === "function" ? skippable.skipReason(subject) : undefined;
}

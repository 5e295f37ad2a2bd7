// One case replayed on a target: a saved finding against its property, a case with an
// expected outcome against it, anything else against the reference. The result is data;
// replay-text.ts and replay-json.ts show it.

import { type Flow, FlowError, type Outcome } from "../../helpers/core/model.ts";
import { outcomeDifferences } from "../../helpers/core/outcome.ts";
import { helperRegistry } from "../../helpers/registry.ts";
import type { SyncTarget } from "../../properties/core/property.ts";
import { propertyRegistry } from "../../properties/registry.ts";
import { type CorpusCase, compareOutcome, type ExpectedOutcome } from "../corpus.ts";
import { builtinTarget, specTarget } from "../targets/in-process.ts";
import { HarnessError } from "../usage.ts";

export interface CaseResult {
  kind: "case";
  file: string;
  name: string;
  flow: Flow;
  target: string;
  /** What the outcome was checked against. */
  check: "property" | "expected" | "reference";
  /** The property of a saved finding (check "property"). */
  property?: string;
  /** The failed property's message. */
  message?: string;
  reference: string;
  /** A string when the run threw (a target that crashes on the flow it is replayed with). */
  outcome: Outcome | string;
  expected?: ExpectedOutcome;
  referenceOutcome?: Outcome | string;
  differences: string[];
  matched: boolean;
}

/** The spec model is the reference, unless it is what is being replayed. */
export function referenceFor(target: SyncTarget): SyncTarget {
  return target.name === specTarget.name ? builtinTarget : specTarget;
}

export function replayCase(file: string, c: CorpusCase, target: SyncTarget): CaseResult {
  const reference = referenceFor(target);
  const base = { kind: "case" as const, file, name: c.name, flow: c.flow, target: target.name };
  const property = c.found
    ? propertyRegistry[c.flow.helper]?.properties.find((p) => p.name === c.found!.property)
    : undefined;
  if (property) {
    const subject = { target, reference, helper: helperRegistry[c.flow.helper].helper };
    if (property.skipReason?.(subject) === undefined) {
      let message: string | undefined;
      try {
        property.check(c.flow, subject);
      } catch (error) {
        message = error instanceof Error ? error.message : String(error);
      }
      return {
        ...base,
        check: "property",
        property: property.name,
        ...(message === undefined ? {} : { message }),
        reference: reference.name,
        // The property may have failed because the target crashed: show that, do not throw.
        outcome: outcomeOrThrown(target, c.flow),
        referenceOutcome: outcomeOrThrown(reference, c.flow),
        differences: message === undefined ? [] : [message],
        matched: message === undefined,
      };
    }
  }
  // A target that crashes on the case is shown as what it threw, like a failing property.
  const outcome = runOrThrown(target, c.flow);
  if (c.expected) {
    const differences =
      typeof outcome === "string" ? [outcome] : compareOutcome(c.expected, outcome);
    return {
      ...base,
      check: "expected",
      reference: reference.name,
      outcome,
      expected: c.expected,
      differences,
      matched: differences.length === 0,
    };
  }
  const referenceOutcome = reference.run(c.flow);
  const differences =
    typeof outcome === "string" ? [outcome] : outcomeDifferences(outcome, referenceOutcome);
  return {
    ...base,
    check: "reference",
    reference: reference.name,
    outcome,
    referenceOutcome,
    differences,
    matched: differences.length === 0,
  };
}

/** The outcome, or what the target threw; bad input and the harness's trouble still throw. */
function runOrThrown(target: SyncTarget, flow: Flow): Outcome | string {
  try {
    return target.run(flow);
  } catch (error) {
    if (error instanceof FlowError || error instanceof HarnessError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    return `threw: ${message.split("\n")[0]}`;
  }
}

function outcomeOrThrown(target: SyncTarget, flow: Flow): Outcome | string {
  try {
    return target.run(flow);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return `threw: ${message.split("\n")[0]}`;
  }
}

// A property is defined once here and run by both the vitest suites and the command line
// (harness/runner.ts). It states something about a target over generated flows.

import type fc from "fast-check";
import type { HelperDefinition } from "../../helpers/core/helper.ts";
import type { Flow, Outcome, Trace } from "../../helpers/core/model.ts";

/** A target that answers synchronously: the built-in helpers and the spec models. */
export interface SyncTarget {
  name: string;
  run(flow: Flow): Outcome;
  trace?(flow: Flow): Trace;
  /** Why this target cannot run the flow faithfully (an option it cannot take); runners
   * skip such flows instead of running them with the wrong value. undefined = it can. */
  notRunnable?(flow: Flow): string | undefined;
}

/** What a property is checked against. */
export interface Subject {
  /** The target under test. */
  target: SyncTarget;
  /** The reference spec model of the same helper. */
  reference: SyncTarget;
  /** The helper's static facts (policy, l4, families). */
  helper: HelperDefinition;
}

export interface FlowProperty {
  /** Short kebab-case name, unique within a helper: "differential", "never-throws". */
  name: string;
  /** One sentence: what must hold. */
  description: string;
  /** The flows it is checked on. */
  arbitrary: fc.Arbitrary<Flow>;
  /** Throws an Error whose message says what went wrong when the property does not hold. */
  check(flow: Flow, subject: Subject): void;
  /** Why this property cannot be checked against this subject (e.g. the target shows no
   * trace); undefined = it can. Runners report the reason instead of a vacuous pass. */
  skipReason?(subject: Subject): string | undefined;
}

/** Everything a helper contributes to the property runs. */
export interface PropertyKit {
  helper: string;
  /** Generated flows of every kind (valid, edge, malformed, segmented). */
  flows: fc.Arbitrary<Flow>;
  properties: FlowProperty[];
}

// What the properties that read live sets share: whether a target can show them, and its
// trace checked for one live set per segment.

import type { HelperDefinition } from "../../helpers/core/helper.ts";
import type { Expectation, Flow, Trace } from "../../helpers/core/model.ts";
import { expectationText } from "./outcome-text.ts";
import type { SyncTarget } from "./property.ts";

/** Why `target` shows no live sets (undefined = it does): a runner reports it as skipped. */
export function noTraceReason(target: SyncTarget): string | undefined {
  return target.trace
    ? undefined
    : `target ${target.name} cannot show its live expectations (no trace)`;
}

/** The target's trace, with exactly one live set per input segment. */
export function checkedTrace(target: SyncTarget, flow: Flow): Trace {
  if (!target.trace) throw new Error(noTraceReason(target));
  const trace = target.trace(flow);
  if (trace.liveAfter.length !== flow.segments.length) {
    throw new Error(
      `${target.name}'s trace has ${trace.liveAfter.length} live sets for ${flow.segments.length} segments`,
    );
  }
  return trace;
}

/** A live set as sorted text: the table has no order a target must keep, duplicates count. */
export function liveSetText(live: readonly Expectation[]): string {
  return `[${live.map(expectationText).sort().join("; ")}]`;
}

/** The helper's max_expected for this flow's config (0 = unlimited). */
export function maxExpectedFor(
  helper: Pick<HelperDefinition, "policy" | "policyFor" | "parseConfig">,
  flow: Flow,
): number {
  const policy = helper.policyFor?.(helper.parseConfig(flow.config)) ?? helper.policy;
  // Several classes (SIP): the outcome does not say which class an expectation is, so
  // what can be held against it is the sum of the per-class caps.
  return policy.maxExpectedByClass
    ? policy.maxExpectedByClass.reduce((sum, max) => sum + max, 0)
    : policy.maxExpected;
}

/** Whether some expectation live after one segment is gone after the next (evicted or
 * removed; a replaced identical one stays): the flows that tell a never-evicting target. */
export function losesAnExpectation(trace: Trace): boolean {
  return trace.liveAfter.some((live, i) => {
    if (i === 0) return false;
    const now = new Set(live.map(expectationText));
    return trace.liveAfter[i - 1].some((e) => !now.has(expectationText(e)));
  });
}

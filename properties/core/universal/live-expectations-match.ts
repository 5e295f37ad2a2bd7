import type fc from "fast-check";
import type { Expectation, Flow } from "../../../helpers/core/model.ts";
import { checkedTrace, liveSetText, noTraceReason } from "../live-sets.ts";
import { expectationText } from "../outcome-text.ts";
import type { FlowProperty } from "../property.ts";

function sameCreations(a: readonly Expectation[], b: readonly Expectation[]): boolean {
  return a.length === b.length && a.every((e, i) => expectationText(e) === expectationText(b[i]));
}

/** Eviction, replacement and removal against the spec model's table. Only flows on which
 * both create the same expectations are compared: a different creation is differential's
 * finding, and so a target that implements part of a protocol is still held to the table
 * rules on the part it implements. */
export function liveExpectationsMatch(flows: fc.Arbitrary<Flow>): FlowProperty {
  return {
    name: "live-expectations-match",
    description:
      "Where the target creates the same expectations as the reference spec model, it holds the same ones live after every segment (the same evictions, replacements and removals).",
    arbitrary: flows,
    skipReason: ({ target, reference }) => noTraceReason(target) ?? noTraceReason(reference),
    check(flow, { target, reference }) {
      if (!target.trace || !reference.trace) return;
      const actual = checkedTrace(target, flow);
      const expected = checkedTrace(reference, flow);
      if (!sameCreations(actual.outcome.expectations, expected.outcome.expectations)) return;
      actual.liveAfter.forEach((live, i) => {
        const mine = liveSetText(live);
        const theirs = liveSetText(expected.liveAfter[i]);
        if (mine === theirs) return;
        throw new Error(
          [
            `after segment #${i} ${target.name} holds ${mine} live, ${reference.name} holds ${theirs}`,
            `both created: ${actual.outcome.expectations.map(expectationText).join("; ")}`,
          ].join("\n"),
        );
      });
    },
  };
}

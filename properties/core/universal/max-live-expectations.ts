import type fc from "fast-check";
import type { Flow } from "../../../helpers/core/model.ts";
import { expectationText } from "../outcome-text.ts";
import type { FlowProperty } from "../property.ts";

export function maxLiveExpectations(flows: fc.Arbitrary<Flow>): FlowProperty {
  return {
    name: "max-live-expectations",
    description:
      "After every segment the target holds at most the helper's policy.maxExpected live expectations (the oldest is evicted).",
    arbitrary: flows,
    skipReason({ target }) {
      return target.trace
        ? undefined
        : `target ${target.name} cannot show its live expectations (no trace)`;
    },
    check(flow, { target, helper }) {
      // Without a trace there is nothing to observe; skipReason tells runners so.
      if (!target.trace) return;
      const limit = (helper.policyFor?.(helper.parseConfig(flow.config)) ?? helper.policy)
        .maxExpected;
      const trace = target.trace(flow);
      if (trace.liveAfter.length !== flow.segments.length) {
        throw new Error(
          `trace has ${trace.liveAfter.length} live sets for ${flow.segments.length} segments`,
        );
      }
      if (limit === 0) return;
      trace.liveAfter.forEach((live, i) => {
        if (live.length > limit) {
          throw new Error(
            `after segment #${i} ${live.length} expectations are live, policy allows ${limit}: ${live.map(expectationText).join("; ")}`,
          );
        }
      });
    },
  };
}

import type fc from "fast-check";
import type { Flow } from "../../../helpers/core/model.ts";
import { checkedTrace, maxExpectedFor, noTraceReason } from "../live-sets.ts";
import { expectationText } from "../outcome-text.ts";
import type { FlowProperty } from "../property.ts";

export function maxLiveExpectations(flows: fc.Arbitrary<Flow>): FlowProperty {
  return {
    name: "max-live-expectations",
    description:
      "After every segment the target holds at most the helper's policy.maxExpected live expectations (the oldest is evicted).",
    arbitrary: flows,
    skipReason: ({ target }) => noTraceReason(target),
    check(flow, { target, helper }) {
      // Without a trace there is nothing to observe; skipReason tells runners so.
      if (!target.trace) return;
      const limit = maxExpectedFor(helper, flow);
      const trace = checkedTrace(target, flow);
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

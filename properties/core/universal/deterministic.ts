import type fc from "fast-check";
import type { Flow } from "../../../helpers/core/model.ts";
import { outcomeDifference } from "../outcome-text.ts";
import type { FlowProperty } from "../property.ts";

export function deterministic(flows: fc.Arbitrary<Flow>): FlowProperty {
  return {
    name: "deterministic",
    description: "The same flow run twice gives deep-equal outcomes.",
    arbitrary: flows,
    check(flow, { target }) {
      const first = target.run(flow);
      const second = target.run(flow);
      const difference = outcomeDifference(first, second);
      if (difference !== undefined) {
        throw new Error(`${target.name} answered differently the second time: ${difference}`);
      }
    },
  };
}

import type fc from "fast-check";
import type { Flow } from "../../../helpers/core/model.ts";
import { outcomeDifference, outcomeText } from "../outcome-text.ts";
import type { FlowProperty } from "../property.ts";

export function differential(flows: fc.Arbitrary<Flow>): FlowProperty {
  return {
    name: "differential",
    description: "The target's outcome deep-equals the reference spec model's.",
    arbitrary: flows,
    check(flow, { target, reference }) {
      const actual = target.run(flow);
      const expected = reference.run(flow);
      const difference = outcomeDifference(actual, expected);
      if (difference === undefined) return;
      throw new Error(
        [
          `${target.name} differs from ${reference.name}: ${difference} (${target.name} vs ${reference.name})`,
          `--- ${target.name}`,
          outcomeText(actual),
          `--- ${reference.name}`,
          outcomeText(expected),
        ].join("\n"),
      );
    },
  };
}

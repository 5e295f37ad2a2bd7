// Properties of the form "this kind of flow never opens a pinhole", for any helper.

import type fc from "fast-check";
import type { Flow } from "../../helpers/core/model.ts";
import { expectationText } from "./outcome-text.ts";
import type { FlowProperty } from "./property.ts";

export function neverExpects(
  name: string,
  description: string,
  flows: fc.Arbitrary<Flow>,
): FlowProperty {
  return {
    name,
    description,
    arbitrary: flows,
    check(flow, { target }) {
      const { expectations } = target.run(flow);
      if (expectations.length > 0) {
        throw new Error(
          `expected no expectation, got: ${expectations.map(expectationText).join("; ")}`,
        );
      }
    },
  };
}

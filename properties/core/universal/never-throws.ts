import type fc from "fast-check";
import type { Flow } from "../../../helpers/core/model.ts";
import type { FlowProperty } from "../property.ts";

export function neverThrows(flows: fc.Arbitrary<Flow>): FlowProperty {
  return {
    name: "never-throws",
    description: "The target returns an outcome for any bytes in any segmentation.",
    arbitrary: flows,
    check(flow, { target }) {
      try {
        target.run(flow);
      } catch (error) {
        const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
        throw new Error(`${target.name} threw on the flow: ${detail}`);
      }
    },
  };
}

import fc from "fast-check";
import type { LinePlan } from "./segmentation.ts";

/** Mostly a whole line per segment (so later lines sit at parsed positions), sometimes cut
 * at 1–3 arbitrary offsets or pipelined with the next line. Shrinks to "whole line". */
export function linePlan(): fc.Arbitrary<LinePlan> {
  const cuts = fc.oneof(
    { weight: 6, arbitrary: fc.constant<number[]>([]) },
    { weight: 1, arbitrary: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }) },
  );
  const pipelineWithNext = fc.oneof(
    { weight: 8, arbitrary: fc.constant(false) },
    { weight: 1, arbitrary: fc.constant(true) },
  );
  return fc.record({ cuts, pipelineWithNext });
}

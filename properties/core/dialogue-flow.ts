// A flow from a skeleton and a dialogue whose lines may name the skeleton's addresses.
// Lines are templates rendered once the skeleton is known, so no fc.chain is needed and
// every part shrinks on its own.

import fc from "fast-check";
import type { Dir, Flow } from "../../helpers/core/model.ts";
import { delivery } from "./delivery.ts";
import { type FlowSkeleton, withSegments } from "./flow-skeleton.ts";
import { linePlan } from "./line-plan.ts";
import { type LinePlan, segmentDialogue } from "./segmentation.ts";

const MAX_PLANNED_LINES = 16;
const WHOLE_LINE: LinePlan = { cuts: [], pipelineWithNext: false };

export interface LineTemplate {
  dir: Dir;
  render(skeleton: FlowSkeleton): Uint8Array;
}

export function fixedLine(dir: Dir, bytes: Uint8Array | string): LineTemplate {
  const data = typeof bytes === "string" ? asciiBytes(bytes) : bytes;
  return { dir, render: () => data };
}

export function asciiBytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
  return out;
}

export function dialogueFlow(
  skeleton: fc.Arbitrary<FlowSkeleton>,
  dialogue: fc.Arbitrary<LineTemplate[]>,
  otherBytes: fc.Arbitrary<Uint8Array>,
): fc.Arbitrary<Flow> {
  // Plans pair with lines by index; a line without one goes whole. Independent arrays shrink
  // independently, towards whole lines.
  const plans = fc.array(linePlan(), { maxLength: MAX_PLANNED_LINES });
  return fc
    .tuple(skeleton, dialogue, plans, delivery(otherBytes))
    .map(([chosen, lines, chosenPlans, travel]) =>
      withSegments(
        chosen,
        segmentDialogue(
          lines.map((line, i) => ({
            dir: line.dir,
            bytes: line.render(chosen),
            plan: chosenPlans[i] ?? WHOLE_LINE,
          })),
          travel,
        ),
      ),
    );
}

// Flows of arbitrary bytes for any helper: what never-throws and friends must survive
// besides protocol-shaped traffic.

import fc from "fast-check";
import type { HelperDefinition } from "../../helpers/core/helper.ts";
import type { Flow } from "../../helpers/core/model.ts";
import { dialogueFlow, type LineTemplate } from "./dialogue-flow.ts";
import { flowSkeleton, type SkeletonOptions } from "./flow-skeleton.ts";

export function arbitraryBytes(): fc.Arbitrary<Uint8Array> {
  return fc.uint8Array({ maxLength: 48 });
}

/** Lines of random bytes, half of them newline-terminated so positions get tracked. */
function randomLine(): fc.Arbitrary<LineTemplate> {
  return fc
    .tuple(fc.constantFrom("orig" as const, "reply" as const), arbitraryBytes(), fc.boolean())
    .map(([dir, bytes, terminated]) => {
      const data = terminated ? Uint8Array.of(...bytes, 0x0d, 0x0a) : bytes;
      return { dir, render: () => data };
    });
}

export function arbitraryBytesFlow(
  helper: Pick<HelperDefinition, "name" | "l4" | "defaultPort" | "families" | "transports">,
  options: SkeletonOptions = {},
): fc.Arbitrary<Flow> {
  return dialogueFlow(
    flowSkeleton(helper, options),
    fc.array(randomLine(), { maxLength: 8 }),
    arbitraryBytes(),
  );
}

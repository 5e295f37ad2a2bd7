// The properties every helper must hold, built over that helper's flows. A helper's kit
// gets them all from one call.

import fc from "fast-check";
import type { HelperDefinition } from "../../../helpers/core/helper.ts";
import type { Flow } from "../../../helpers/core/model.ts";
import { arbitraryBytesFlow } from "../bytes-flow.ts";
import type { SkeletonOptions } from "../flow-skeleton.ts";
import type { FlowProperty } from "../property.ts";
import {
  bytesOutsideRewriteUnchanged,
  type RewriteOptions,
} from "./bytes-outside-rewrite-unchanged.ts";
import { datagramSeqUnchanged } from "./datagram-seq-unchanged.ts";
import { deterministic } from "./deterministic.ts";
import { differential } from "./differential.ts";
import { liveExpectationsMatch } from "./live-expectations-match.ts";
import { maxLiveExpectations } from "./max-live-expectations.ts";
import { neverThrows } from "./never-throws.ts";
import { pinholeOnlyToEndpoints } from "./pinhole-only-to-endpoints.ts";
import { sequenceAdjustmentConsistent } from "./sequence-adjustment-consistent.ts";
import { wellFormedOutcome } from "./well-formed-outcome.ts";

export interface UniversalOptions extends RewriteOptions {
  /** The helper's protocol-shaped flows (its kit's arbitrary). */
  flows: fc.Arbitrary<Flow>;
  helper: Pick<HelperDefinition, "name" | "l4" | "defaultPort" | "families" | "transports">;
  /** Helper configs for the random-bytes flows. */
  skeleton?: SkeletonOptions;
  /** See pinholeOnlyToEndpoints: flows whose expectation dst the payload names. */
  payloadNamesDestination?: (flow: Flow) => boolean;
}

/** Protocol-shaped flows mixed with random bytes: what robustness properties run on. */
export function robustnessFlows(options: UniversalOptions): fc.Arbitrary<Flow> {
  return fc.oneof(
    { weight: 3, arbitrary: options.flows },
    { weight: 1, arbitrary: arbitraryBytesFlow(options.helper, options.skeleton) },
  );
}

function transportsOf(helper: Pick<HelperDefinition, "l4" | "transports">) {
  return helper.transports ?? [helper.l4];
}

export function universalProperties(options: UniversalOptions): FlowProperty[] {
  const any = robustnessFlows(options);
  const shaped = options.flows;
  return [
    neverThrows(any),
    deterministic(any),
    wellFormedOutcome(any),
    pinholeOnlyToEndpoints(shaped, options.payloadNamesDestination),
    maxLiveExpectations(shaped),
    liveExpectationsMatch(shaped),
    bytesOutsideRewriteUnchanged(any, options),
    // The kernel adjusts sequence numbers on TCP only: a rewritten datagram shifts nothing.
    // A helper on both (SIP) holds each rule on its flows of that transport.
    ...(transportsOf(options.helper).length > 1
      ? [
          sequenceAdjustmentConsistent(shaped.filter((f) => f.l4 === "tcp")),
          datagramSeqUnchanged(shaped.filter((f) => f.l4 === "udp")),
        ]
      : [
          options.helper.l4 === "tcp"
            ? sequenceAdjustmentConsistent(shaped)
            : datagramSeqUnchanged(shaped),
        ]),
    differential(any),
  ];
}

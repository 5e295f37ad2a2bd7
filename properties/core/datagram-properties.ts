// The universal properties for a UDP helper: the same set, with the TCP sequence-adjustment
// rule replaced by its datagram counterpart (the kernel adjusts sequence numbers on TCP
// only, so a length-changing rewrite of a datagram shifts nothing).

import type { FlowProperty } from "./property.ts";
import { datagramSeqUnchanged } from "./universal/datagram-seq-unchanged.ts";
import { type UniversalOptions, universalProperties } from "./universal/index.ts";

export function datagramUniversalProperties(options: UniversalOptions): FlowProperty[] {
  return universalProperties(options).map((property) =>
    property.name === "sequence-adjustment-consistent"
      ? datagramSeqUnchanged(options.flows)
      : property,
  );
}

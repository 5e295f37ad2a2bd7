import fc from "fast-check";
import type { HelperDefinition } from "../../helpers/core/helper.ts";
import type { Flow } from "../../helpers/core/model.ts";
import { dialogueFlow } from "../core/dialogue-flow.ts";
import { type FlowSkeleton, flowSkeleton } from "../core/flow-skeleton.ts";
import { talkConfig } from "./talk-config.ts";
import { talkDatagrams } from "./talk-datagrams.ts";
import { talkOddDatagram } from "./talk-odd-datagram.ts";

/** The talk helper's static facts a flow needs (what helpers/talk registers). */
export const TALK_HELPER: Pick<HelperDefinition, "name" | "l4" | "defaultPort" | "families"> = {
  name: "talk",
  l4: "udp",
  defaultPort: 518,
  families: [4],
};

export interface TalkFlowOptions {
  /** See SkeletonOptions.nat. */
  nat?: boolean;
}

/** The daemon on 517 (old talk) or 518 (ntalk), with and without source NAT. */
function talkSkeleton(options: TalkFlowOptions): fc.Arbitrary<FlowSkeleton> {
  return fc
    .tuple(
      flowSkeleton(TALK_HELPER, { config: talkConfig(), nat: options.nat }),
      fc.constantFrom(517, 518),
    )
    .map(([skeleton, port]) => ({ ...skeleton, server: { ...skeleton.server, port } }));
}

/** Talk control tuples carrying requests, answers and odd datagrams; a retransmission
 * repeats a datagram or carries an odd one in its place. */
export function talkFlow(options: TalkFlowOptions = {}): fc.Arbitrary<Flow> {
  const placeholder = {
    helper: "talk",
    l4: "udp" as const,
    family: 4 as const,
    client: { addr: "198.18.0.1", port: 1 },
    server: { addr: "203.0.113.1", port: 518 },
  };
  return dialogueFlow(
    talkSkeleton(options),
    talkDatagrams(),
    // Retransmitted stand-ins do not see the skeleton: a fixed one renders them.
    talkOddDatagram().map((odd) => odd.render(placeholder)),
  );
}

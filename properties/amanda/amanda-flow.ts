import fc from "fast-check";
import type { HelperDefinition } from "../../helpers/core/helper.ts";
import type { Flow } from "../../helpers/core/model.ts";
import { asciiBytes, dialogueFlow, type LineTemplate } from "../core/dialogue-flow.ts";
import { flowSkeleton } from "../core/flow-skeleton.ts";
import { amandaConfig } from "./amanda-config.ts";
import { amandaDatagrams, connectReply } from "./amanda-datagrams.ts";

/** The Amanda helper's static facts a flow needs (what helpers/amanda registers). */
export const AMANDA_HELPER: Pick<HelperDefinition, "name" | "l4" | "defaultPort" | "families"> = {
  name: "amanda",
  l4: "udp",
  defaultPort: 10080,
  families: [4, 6],
};

export interface AmandaFlowOptions {
  datagrams?: fc.Arbitrary<LineTemplate[]>;
  /** See SkeletonOptions.nat. */
  nat?: boolean;
}

/** Amanda control tuples (client = backup server, server = amandad on 10080), IPv4 and
 * IPv6, with and without source NAT. A retransmission repeats a datagram or carries another
 * CONNECT reply or noise in its place. */
export function amandaFlow(options: AmandaFlowOptions = {}): fc.Arbitrary<Flow> {
  return dialogueFlow(
    flowSkeleton(AMANDA_HELPER, { config: amandaConfig(), nat: options.nat }),
    options.datagrams ?? amandaDatagrams(),
    fc.oneof(connectReply().map(asciiBytes), fc.uint8Array({ maxLength: 16 })),
  );
}

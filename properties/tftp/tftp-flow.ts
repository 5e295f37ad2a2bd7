import fc from "fast-check";
import type { HelperDefinition } from "../../helpers/core/helper.ts";
import type { Flow } from "../../helpers/core/model.ts";
import { dialogueFlow, type LineTemplate } from "../core/dialogue-flow.ts";
import { flowSkeleton } from "../core/flow-skeleton.ts";
import { tftpConfig } from "./tftp-config.ts";
import { tftpDatagrams } from "./tftp-datagrams.ts";
import { tftpOddPacket } from "./tftp-odd-packet.ts";
import { tftpRequest } from "./tftp-request.ts";

/** The TFTP helper's static facts a flow needs (what helpers/tftp registers). */
export const TFTP_HELPER: Pick<HelperDefinition, "name" | "l4" | "defaultPort" | "families"> = {
  name: "tftp",
  l4: "udp",
  defaultPort: 69,
  families: [4, 6],
};

export interface TftpFlowOptions {
  datagrams?: fc.Arbitrary<LineTemplate[]>;
  /** See SkeletonOptions.nat. */
  nat?: boolean;
}

/** TFTP control tuples, IPv4 and IPv6, with and without source NAT. A retransmission
 * repeats a datagram or carries another request or odd packet in its place. */
export function tftpFlow(options: TftpFlowOptions = {}): fc.Arbitrary<Flow> {
  return dialogueFlow(
    flowSkeleton(TFTP_HELPER, { config: tftpConfig(), nat: options.nat }),
    options.datagrams ?? tftpDatagrams(),
    fc.oneof(tftpRequest(), tftpOddPacket()),
  );
}

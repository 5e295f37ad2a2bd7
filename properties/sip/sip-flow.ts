import fc from "fast-check";
import type { Flow } from "../../helpers/core/model.ts";
import { asciiBytes, dialogueFlow, type LineTemplate } from "../core/dialogue-flow.ts";
import { sipConfig } from "./sip-config.ts";
import { sipDialogue } from "./sip-dialogue.ts";
import { sipSkeleton } from "./sip-skeleton.ts";

export interface SipFlowOptions {
  dialogue?: fc.Arbitrary<LineTemplate[]>;
  nat?: boolean;
  l4?: "udp" | "tcp";
  config?: fc.Arbitrary<Record<string, unknown> | undefined>;
}

/** SIP over UDP (one message per datagram) and TCP (messages cut, several per segment,
 * retransmitted), IPv4 and IPv6, with and without source NAT, every config the contract
 * has. Retransmissions carry the message again or SIP-looking noise. */
export function sipFlow(options: SipFlowOptions = {}): fc.Arbitrary<Flow> {
  return dialogueFlow(
    sipSkeleton({ config: options.config ?? sipConfig(), nat: options.nat, l4: options.l4 }),
    options.dialogue ?? sipDialogue(),
    fc.oneof(
      fc
        .constantFrom(
          "SIP/2.0 200 OK\r\nCSeq: 1 INVITE\r\n\r\n",
          "\r\n\r\n",
          "REGISTER sip:x SIP/2.0\r\n",
        )
        .map(asciiBytes),
      fc.uint8Array({ maxLength: 24 }),
    ),
  );
}

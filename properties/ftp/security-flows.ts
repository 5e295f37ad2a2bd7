// Flows built to show one security rule: every line that could open a pinhole is one the
// rule says must not.

import fc from "fast-check";
import type { Flow } from "../../helpers/core/model.ts";
import type { LineTemplate } from "../core/dialogue-flow.ts";
import { type AddressRef, foreignAddress } from "./address-ref.ts";
import { clientChatter, serverChatter } from "./chatter.ts";
import { eprtCommand } from "./eprt-command.ts";
import { strictFtpConfig } from "./ftp-config.ts";
import { ftpDialogue } from "./ftp-dialogue.ts";
import { ftpFlow } from "./ftp-flow.ts";
import { pasvReply } from "./pasv-reply.ts";
import { portCommand } from "./port-command.ts";
import { retransmittedKeywordPrefix } from "./retransmitted-bytes.ts";
import { plainSixTupleSpellings } from "./six-tuple.ts";

const one = (line: fc.Arbitrary<LineTemplate>) => line.map((l) => [l]);
const chatter = fc.oneof(one(clientChatter()), one(serverChatter()));

/** EPRT naming the other address family than the control connection's, any config. */
export function eprtFamilyMismatchFlows(): fc.Arbitrary<Flow> {
  const mismatched = one(eprtCommand({ family: fc.constant("other") }));
  return ftpFlow({
    dialogue: ftpDialogue(fc.oneof({ weight: 3, arbitrary: mismatched }, chatter)),
    retransmitted: retransmittedKeywordPrefix(),
  });
}

/** PORT/EPRT/227 naming a host other than the sender (the peer or a third party), in plain
 * numbers, without loose. PORT/227 name third parties only: on an IPv6 connection their
 * four bytes replace only the first four of the sender's address, and every 2001:db8::/32
 * peer shares those with the sender, so naming the peer there is naming the sender. */
export function bounceFlows(): fc.Arbitrary<Flow> {
  const notTheSender = fc.oneof(fc.constant<AddressRef>({ kind: "receiver" }), foreignAddress());
  const bounce = fc.oneof(
    one(portCommand(foreignAddress(), plainSixTupleSpellings())),
    one(eprtCommand({ ref: notTheSender, family: fc.constant("match") })),
    pasvReply(foreignAddress(), plainSixTupleSpellings()),
  );
  return ftpFlow({
    dialogue: ftpDialogue(fc.oneof({ weight: 3, arbitrary: bounce }, chatter)),
    config: strictFtpConfig(),
    retransmitted: retransmittedKeywordPrefix(),
  });
}

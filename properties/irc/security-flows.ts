// Flows built to show one security rule: every DCC in them is one the rule says must not
// open a pinhole, surrounded by ordinary chatter.

import fc from "fast-check";
import type { Flow } from "../../helpers/core/model.ts";
import type { LineTemplate } from "../core/dialogue-flow.ts";
import { fixedLine } from "../core/dialogue-flow.ts";
import { attackLine, attackShape, INNER_PRIVMSG, serverDccLine } from "./attack-line.ts";
import { CLIENT_CHATTER, serverChatter } from "./chatter.ts";
import { forgedDccAddress } from "./dcc-address.ts";
import { dccLine } from "./dcc-line.ts";
import { dccPort, zeroDccPort } from "./dcc-port.ts";
import { ircDialogue } from "./irc-dialogue.ts";
import { ircFlow } from "./irc-flow.ts";

const one = (line: fc.Arbitrary<LineTemplate>) => line.map((l) => [l]);

/** Chatter a DCC may be pipelined after: each client line has its own " :", so the first
 * " :" of the segment is never the DCC's. */
const safeChatter = fc.oneof(
  one(
    fc
      .constantFrom(...CLIENT_CHATTER.filter((line) => line.includes(" :")))
      .map((line) => fixedLine("orig", line)),
  ),
  one(serverChatter()),
);

/** DCCs naming neither the client's real nor its NAT address, or naming it with a port
 * that truncates to 0. */
export function forgedDccFlows(): fc.Arbitrary<Flow> {
  const forged = fc.oneof(
    dccLine({ address: forgedDccAddress(), port: dccPort() }),
    dccLine({ port: zeroDccPort() }),
  );
  return ircFlow({
    dialogue: ircDialogue(fc.oneof({ weight: 3, arbitrary: one(forged) }, safeChatter)),
  });
}

/** DCCs naming the client on a real port, but sent by the server, or sent by the client
 * anywhere except right after the first " :" of a segment-leading PRIVMSG. Shapes with a
 * "PRIVMSG " inside the line are left out: a segment boundary right before it makes that
 * PRIVMSG lead a segment, and the kernel then acts on it (each segment stands alone). */
export function unanchoredDccFlows(): fc.Arbitrary<Flow> {
  const unanchored = fc.oneof(
    one(attackLine(attackShape().filter((s) => !INNER_PRIVMSG.includes(s)))),
    one(serverDccLine()),
    one(dccLine({ dir: "reply" })),
  );
  return ircFlow({
    dialogue: ircDialogue(fc.oneof({ weight: 3, arbitrary: unanchored }, safeChatter)),
  });
}

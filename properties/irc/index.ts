// The IRC property kit: IRC-shaped flows, the universal properties over them, and the
// IRC-specific security ones.

import { neverExpects } from "../core/never-expects.ts";
import type { PropertyKit } from "../core/property.ts";
import { universalProperties } from "../core/universal/index.ts";
import { ircConfig } from "./irc-config.ts";
import { IRC_HELPER, ircFlow } from "./irc-flow.ts";
import { natRewriteParsesBack } from "./nat-rewrite-parses-back.ts";
import { forgedDccFlows, unanchoredDccFlows } from "./security-flows.ts";

const CR = 0x0d;
const LF = 0x0a;

const flows = ircFlow();

export const ircProperties = [
  ...universalProperties({
    flows,
    helper: IRC_HELPER,
    skeleton: { config: ircConfig() },
    framingBytes: [CR, LF],
  }),
  natRewriteParsesBack(ircFlow({ nat: true })),
  neverExpects(
    "forged-dcc-never-expects",
    "A DCC naming neither the client's real nor its NAT address (mod 2^32), or a port that truncates to 0, never creates an expectation.",
    forgedDccFlows(),
  ),
  neverExpects(
    "unanchored-dcc-never-expects",
    "A DCC sent by the server, or by the client anywhere but right after the first ' :' of a segment-leading PRIVMSG (PONG/NOTICE echoes, text before it, lower-case dcc), never creates an expectation (CVE-2022-2663).",
    unanchoredDccFlows(),
  ),
];

export const ircKit: PropertyKit = { helper: "irc", flows, properties: ircProperties };

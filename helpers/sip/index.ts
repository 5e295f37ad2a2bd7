// The SIP helper with the behaviour of Linux 6.18.44 nf_conntrack_sip + nf_nat_sip (the
// 2026 parsing fixes in by default, see config.ts), over UDP and TCP, IPv4 and IPv6.
//
// UDP: a dropped first client datagram destroys the unconfirmed entry with its
// expectations and state; what follows depends on who sends next (core/udp-entry.ts, measured).
//
// Not modelled: the pre-2026-04 session rewrite with an uninitialised address (both
// settings skip it, as 6.18.44 does), expectations of other masters (the "direct RTP"
// lookup needs a second call), timers (a 2xx REGISTER re-arms an expectation invisibly),
// the UDP destination port rewrite on REPLY with forced_dport, and mangle failures past
// 65535 bytes.
//
// The hot path is a message no handler takes (OPTIONS, in-dialog requests): its first
// bytes are compared with six method names, nothing is allocated; a response costs a
// CSeq search; TCP adds the Content-Length search and the CRLFCRLF scan.

import type { HelperDefinition, PacketResult } from "../core/helper.ts";
import { EntryPhase, entryDiesWith, entryVerdict } from "../core/udp-entry.ts";
import { parseSipConfig, type SipConfig } from "./config.ts";
import { SipMessage, SipState } from "./connection.ts";
import { frameTcp, frameUdp } from "./framing.ts";

export type { SipConfig } from "./config.ts";
export { SipState } from "./connection.ts";

const ACCEPT: PacketResult = Object.freeze({ verdict: "accept" });
const DROP: PacketResult = Object.freeze({ verdict: "drop" });

/** One message view for every connection: process() is synchronous and never re-entered. */
const message = new SipMessage();

export const sipHelper: HelperDefinition<SipConfig, SipState> = {
  name: "sip",
  l4: "udp",
  transports: ["udp", "tcp"],
  // Media is UDP; a REGISTER expects the next signalling connection on its own transport.
  relatedL4: ["udp", "tcp"],
  defaultPort: 5060,
  families: [4, 6],
  // Classes: signalling 1, audio 2*IP_CT_DIR_MAX, video the same, image IP_CT_DIR_MAX.
  policy: { maxExpected: 1, maxExpectedByClass: [1, 4, 4, 2], timeoutSeconds: 180 },
  parseConfig: parseSipConfig,

  newState(conntrack, config): SipState {
    return new SipState(conntrack, config);
  },

  process(connection, packet) {
    const state = connection.state;
    const data = packet.data;
    const early = entryVerdict(state, connection.conntrack.natted, packet.dir);
    if (early !== null) return early;
    if (data.length === 0) {
      state.entry = EntryPhase.Helped;
      return ACCEPT;
    }
    message.begin(connection, packet.dir, data);
    const tcp = connection.conntrack.l4 === "tcp";
    const result = tcp ? frameTcp(message) : frameUdp(message);
    if (entryDiesWith(state, result.accept ? "accept" : "drop")) {
      // The unconfirmed entry dies with what its helper expected.
      connection.expectations.remove(() => true);
      state.forget();
    }
    if (!result.accept) return DROP;
    const out = message.data;
    if (out === data && result.seqAdjust === 0) return ACCEPT;
    return { verdict: "accept", data: out, seqAdjust: result.seqAdjust };
  },
};

// The TFTP helper with the behaviour of Linux 6.18 nf_conntrack_tftp + nf_nat_tftp.
//
// Every datagram in either direction is looked at, the first one included: an RRQ or WRQ
// opcode expects the server's answer from any port to the client's port. nf_nat_tftp
// rewrites nothing and inserts the same tuple (only the kernel-internal NAT setup of the
// expected connection differs), so the NAT half needs no code of its own here.

import type { Conntrack, HelperDefinition, PacketResult } from "../core/helper.ts";
import { parseTftpConfig, type TftpConfig } from "./config.ts";
import { isTransferRequest, tftpOpcode } from "./opcode.ts";

export type { TftpConfig } from "./config.ts";

/** The expectation of a connection never changes: built once per flow. */
export interface TftpState {
  request: { l4: "udp"; src: string; sport: null; dst: string; dport: number };
}

const ACCEPT: PacketResult = Object.freeze({ verdict: "accept" });
const DROP: PacketResult = Object.freeze({ verdict: "drop" });

export const tftpHelper: HelperDefinition<TftpConfig, TftpState> = {
  name: "tftp",
  l4: "udp",
  defaultPort: 69,
  families: [4, 6],
  policy: { maxExpected: 1, timeoutSeconds: 300 },
  parseConfig: parseTftpConfig,

  newState(conntrack: Conntrack): TftpState {
    // tuple[REPLY]: from the server to the client as the server sees it (post-NAT).
    const reply = conntrack.reply;
    return {
      request: { l4: "udp", src: reply.src, sport: null, dst: reply.dst, dport: reply.dport },
    };
  },

  process(connection, packet) {
    if (!isTransferRequest(tftpOpcode(packet.data))) return ACCEPT;
    return connection.expectations.expect(connection.state.request) === "ok" ? ACCEPT : DROP;
  },
};

// The Amanda helper with the behaviour of Linux 6.18 nf_conntrack_amanda + nf_nat_amanda.
//
// Only datagrams from amandad (the reply direction) are read. After the first "CONNECT "
// and up to the next "\n", the first DATA, MESG, INDEX and STATE tokens (in that order,
// wherever they stand) each expect a TCP connection from the backup server to amandad on
// the port that follows; a port of 0 ends the search.
//
// Under NAT the kernel rewrites the packet while it searches it: the region's end is kept
// as an offset into the original payload, so after a rewrite that shortened the payload,
// later searches and digit copies run on the rewritten bytes with that stale end (they can
// reach past the newline, or fail to copy near the end of the datagram). Modelled as is.

import type {
  Conntrack,
  ExpectationRequest,
  HelperDefinition,
  PacketResult,
} from "../core/helper.ts";
import { type AmandaConfig, parseAmandaConfig } from "./config.ts";
import { connectRegion, firstSpace } from "./connect-region.ts";
import { findText } from "./find-text.ts";
import { natTokenPort } from "./nat.ts";
import { PORT_TOKENS } from "./port-tokens.ts";
import { readTokenPort, type TokenPort } from "./token-port.ts";

export type { AmandaConfig } from "./config.ts";

export interface AmandaState {
  /** tuple[ORIGINAL]: the backup server connects to amandad's address as it dialled it. */
  src: string;
  dst: string;
  token: TokenPort;
}

const ACCEPT: PacketResult = Object.freeze({ verdict: "accept" });
const DROP: PacketResult = Object.freeze({ verdict: "drop" });

export const amandaHelper: HelperDefinition<AmandaConfig, AmandaState> = {
  name: "amanda",
  l4: "udp",
  relatedL4: "tcp",
  defaultPort: 10080,
  families: [4, 6],
  policy: { maxExpected: 4, timeoutSeconds: 180 },
  parseConfig: parseAmandaConfig,

  newState(conntrack: Conntrack): AmandaState {
    return { src: conntrack.orig.src, dst: conntrack.orig.dst, token: { port: 0, digits: 0 } };
  },

  process(connection, packet) {
    if (packet.dir === "orig") return ACCEPT;
    const region = connectRegion(packet.data);
    if (region === null) return ACCEPT;
    const space = firstSpace(packet.data, region);
    if (space < 0) return ACCEPT;
    const { state, expectations } = connection;
    const { start, stop } = region;
    const token = state.token;
    let data = packet.data;
    let accepted = true;
    for (const pattern of PORT_TOKENS) {
      const at = findText(data, pattern, Math.max(start, space + 1 - pattern.length), stop);
      if (at < 0) continue;
      const off = at + pattern.length;
      if (!readTokenPort(data, off, stop, token) || token.port === 0) break;
      const request: ExpectationRequest = {
        l4: "tcp",
        src: state.src,
        sport: null,
        dst: state.dst,
        dport: token.port,
      };
      if (connection.conntrack.natted) {
        // The NAT hook's verdict replaces the previous token's.
        const rewritten = natTokenPort(expectations, request, data, off, token.digits);
        accepted = rewritten !== null;
        if (rewritten !== null) data = rewritten;
      } else if (expectations.expect(request) !== "ok") {
        accepted = false;
      }
    }
    if (!accepted) return DROP;
    return data === packet.data ? ACCEPT : { verdict: "accept", data };
  },
};

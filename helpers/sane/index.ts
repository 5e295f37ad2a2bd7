// The SANE helper with the behaviour of Linux 6.18 nf_conntrack_sane (there is no NAT
// helper: nothing is rewritten, under source NAT too).
//
// One bit of state per connection, not per direction: an 8-byte client segment whose RPC
// code is SANE_NET_START sets it, any other 8-byte client segment clears it; the next
// server segment with payload clears it too and, when it is a successful reply (status 0,
// zero field 0, 8 bytes or more), expects the client's data connection to the server on
// the announced port (0 included). Segments of other lengths and empty ones change nothing
// (a reply shorter than 8 bytes still clears the state).

import type { Conntrack, HelperDefinition, PacketResult } from "../core/helper.ts";
import { parseSaneConfig, type SaneConfig } from "./config.ts";
import { isRequest, isStartRequest, startReplyPort } from "./messages.ts";

export type { SaneConfig } from "./config.ts";

export interface SaneState {
  /** SANE_STATE_START_REQUESTED: the next server reply answers SANE_NET_START. */
  startRequested: boolean;
  /** tuple[ORIGINAL]: the client connects to the server as it dialled it. */
  client: string;
  server: string;
}

const ACCEPT: PacketResult = Object.freeze({ verdict: "accept" });
const DROP: PacketResult = Object.freeze({ verdict: "drop" });

export const saneHelper: HelperDefinition<SaneConfig, SaneState> = {
  name: "sane",
  l4: "tcp",
  defaultPort: 6566,
  families: [4, 6],
  policy: { maxExpected: 1, timeoutSeconds: 300 },
  parseConfig: parseSaneConfig,

  newState(conntrack: Conntrack): SaneState {
    return { startRequested: false, client: conntrack.orig.src, server: conntrack.orig.dst };
  },

  process(connection, packet) {
    const data = packet.data;
    if (data.length === 0) return ACCEPT;
    const state = connection.state;
    if (packet.dir === "orig") {
      if (isRequest(data)) state.startRequested = isStartRequest(data);
      return ACCEPT;
    }
    if (!state.startRequested) return ACCEPT;
    state.startRequested = false;
    const port = startReplyPort(data);
    if (port < 0) return ACCEPT;
    const result = connection.expectations.expect({
      l4: "tcp",
      src: state.client,
      sport: null,
      dst: state.server,
      dport: port,
    });
    return result === "ok" ? ACCEPT : DROP;
  },
};

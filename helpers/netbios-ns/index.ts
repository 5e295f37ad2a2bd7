// The NetBIOS name service helper with the behaviour of Linux 6.18 nf_conntrack_netbios_ns:
// UDP, IPv4 only, port 137 (NMBD_PORT); every packet goes to the broadcast core
// (helpers/core/broadcast.ts) with the `timeout` parameter. max_expected 1. There is no NAT
// half: under source NAT the expectation names the NAT address (the REPLY tuple's).

import { broadcastHelp } from "../core/broadcast.ts";
import type { HelperDefinition } from "../core/helper.ts";
import {
  NETBIOS_NS_DEFAULT_TIMEOUT,
  type NetbiosNsConfig,
  parseNetbiosNsConfig,
} from "./config.ts";

export type { NetbiosNsConfig } from "./config.ts";

export const NMBD_PORT = 137;

export const netbiosNsHelper: HelperDefinition<NetbiosNsConfig, null> = {
  name: "netbios-ns",
  l4: "udp",
  defaultPort: NMBD_PORT,
  families: [4],
  policy: { maxExpected: 1, timeoutSeconds: NETBIOS_NS_DEFAULT_TIMEOUT },
  policyFor: (config) => ({ maxExpected: 1, timeoutSeconds: config.timeout }),
  parseConfig: parseNetbiosNsConfig,
  newState: () => null,
  process: (connection, packet) => broadcastHelp(connection, packet, NMBD_PORT),
};

// The SNMP helpers with the behaviour of Linux 6.18. Two registrations from this folder,
// as the kernel has two helpers: `snmp` (nf_conntrack_snmp, "snmp": UDP IPv4 port 161,
// the broadcast core with `timeout` 30, max_expected 1, then the NAT hook) and `snmp-trap`
// (nf_nat_snmp_basic's "snmp_trap": UDP IPv4 port 162, max_expected 0, timeout 180, the
// NAT hook only). They are two entries rather than one helper deciding by port because
// the kernel attaches them separately (`ct helper set "snmp"` / `"snmp_trap"`) with
// different policies, and a flow names the helper it is attached to. The BER decoder and
// the translation (translate.ts, message.ts, ber.ts) are shared.

import { broadcastHelp } from "../core/broadcast.ts";
import type { HelperDefinition } from "../core/helper.ts";
import {
  parseSnmpConfig,
  parseSnmpTrapConfig,
  SNMP_DEFAULT_TIMEOUT,
  type SnmpConfig,
} from "./config.ts";
import { SNMP_PORT, SNMP_TRAP_PORT, snmpNatHelp } from "./translate.ts";

export type { SnmpConfig } from "./config.ts";
export { SNMP_PORT, SNMP_TRAP_PORT } from "./translate.ts";

export const snmpHelper: HelperDefinition<SnmpConfig, null> = {
  name: "snmp",
  l4: "udp",
  defaultPort: SNMP_PORT,
  families: [4],
  policy: { maxExpected: 1, timeoutSeconds: SNMP_DEFAULT_TIMEOUT },
  policyFor: (config) => ({ maxExpected: 1, timeoutSeconds: config.timeout }),
  parseConfig: parseSnmpConfig,
  newState: () => null,
  process: (connection, packet) => {
    broadcastHelp(connection, packet, SNMP_PORT);
    return snmpNatHelp(connection, packet);
  },
};

/** snmp_exp_policy: max_expected 0, timeout 180 (it never expects anything). */
export const SNMP_TRAP_TIMEOUT = 180;

export const snmpTrapHelper: HelperDefinition<null, null> = {
  name: "snmp-trap",
  l4: "udp",
  defaultPort: SNMP_TRAP_PORT,
  families: [4],
  policy: { maxExpected: 0, timeoutSeconds: SNMP_TRAP_TIMEOUT },
  parseConfig: parseSnmpTrapConfig,
  newState: () => null,
  process: (connection, packet) => snmpNatHelp(connection, packet),
};

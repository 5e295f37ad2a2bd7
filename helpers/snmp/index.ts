// The SNMP helpers with the behaviour of Linux 6.18. Two registrations from this folder,
// as the kernel has two helpers: `snmp` (nf_conntrack_snmp, "snmp": UDP IPv4 port 161,
// the broadcast core with `timeout` 30, max_expected 1, then the NAT hook) and `snmp-trap`
// (nf_nat_snmp_basic's "snmp_trap": UDP IPv4 port 162, max_expected 0, timeout 180, the
// NAT hook only). They are two entries rather than one helper deciding by port because
// the kernel attaches them separately (`ct helper set "snmp"` / `"snmp_trap"`) with
// different policies, and a flow names the helper it is attached to. The BER decoder and
// the translation (translate.ts, message.ts, ber.ts) are shared. The NAT half drops what
// does not decode: a dropped first datagram destroys its unconfirmed entry with the
// broadcast expectation (core/udp-entry.ts; measured on 6.18.44, docs/kernel-target.md).

import { broadcastHelp } from "../core/broadcast.ts";
import type { ConnectionContext, HelperDefinition, Packet, PacketResult } from "../core/helper.ts";
import { EntryPhase, type EntryState, entryDiesWith, entryVerdict } from "../core/udp-entry.ts";
import {
  parseSnmpConfig,
  parseSnmpTrapConfig,
  SNMP_DEFAULT_TIMEOUT,
  type SnmpConfig,
} from "./config.ts";
import { SNMP_PORT, SNMP_TRAP_PORT, snmpNatHelp } from "./translate.ts";

export type { SnmpConfig } from "./config.ts";
export { SNMP_PORT, SNMP_TRAP_PORT } from "./translate.ts";

/** The NAT half's verdict on a datagram, within the life of the UDP entry it belongs to;
 * `beforeNat` is what the helper does first (snmp: the broadcast help). */
function withinEntry<C>(
  connection: ConnectionContext<C, EntryState>,
  packet: Packet,
  beforeNat?: (connection: ConnectionContext<C, EntryState>, packet: Packet) => void,
): PacketResult {
  const state = connection.state;
  const early = entryVerdict(state, connection.conntrack.natted, packet.dir);
  if (early !== null) return early;
  beforeNat?.(connection, packet);
  const result = snmpNatHelp(connection, packet);
  if (entryDiesWith(state, result.verdict)) connection.expectations.remove(() => true);
  return result;
}

const newEntryState = (): EntryState => ({ entry: EntryPhase.Unknown });
const broadcastTo161 = (connection: ConnectionContext<SnmpConfig, EntryState>, packet: Packet) =>
  broadcastHelp(connection, packet, SNMP_PORT);

export const snmpHelper: HelperDefinition<SnmpConfig, EntryState> = {
  name: "snmp",
  l4: "udp",
  defaultPort: SNMP_PORT,
  families: [4],
  policy: { maxExpected: 1, timeoutSeconds: SNMP_DEFAULT_TIMEOUT },
  policyFor: (config) => ({ maxExpected: 1, timeoutSeconds: config.timeout }),
  parseConfig: parseSnmpConfig,
  newState: newEntryState,
  process: (connection, packet) => withinEntry(connection, packet, broadcastTo161),
};

/** snmp_exp_policy: max_expected 0, timeout 180 (it never expects anything). */
export const SNMP_TRAP_TIMEOUT = 180;

export const snmpTrapHelper: HelperDefinition<null, EntryState> = {
  name: "snmp-trap",
  l4: "udp",
  defaultPort: SNMP_TRAP_PORT,
  families: [4],
  policy: { maxExpected: 0, timeoutSeconds: SNMP_TRAP_TIMEOUT },
  parseConfig: parseSnmpTrapConfig,
  newState: newEntryState,
  process: (connection, packet) => withinEntry(connection, packet),
};

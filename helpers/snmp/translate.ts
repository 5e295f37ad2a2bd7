// nf_nat_snmp_basic's help() of Linux 6.18, shared by the snmp helper (its NAT hook) and
// the snmp-trap helper (its help function):
// - a packet FROM port 161 is only looked at in the REPLY direction, a packet TO port 162
//   only in the ORIGINAL direction; any other packet (a request to 161 from a client port,
//   say) goes on to the translation too;
// - nothing without NAT (IPS_NAT_MASK);
// - the UDP length equals the IP length minus its header (the harness builds every packet
//   that way, so this check always passes here);
// - from = the ORIGINAL tuple's source, to = the REPLY tuple's destination (both
//   directions); equal ⇒ ACCEPT without decoding;
// - the payload is BER-decoded (message.ts); any failure ⇒ DROP; every IpAddress equal to
//   `from` becomes `to`.
// The kernel patches a non-zero UDP checksum incrementally for each replaced address; the
// outcome carries the payload only and the pcap writer computes the checksum over the
// forwarded bytes, which is the same value (the incremental patch is exact).

import { parseIPv4 } from "../core/address.ts";
import type { ConnectionContext, Packet, PacketResult } from "../core/helper.ts";
import { decodeMessage } from "./message.ts";

export const SNMP_PORT = 161;
export const SNMP_TRAP_PORT = 162;

const ACCEPT: PacketResult = Object.freeze({ verdict: "accept" });
const DROP: PacketResult = Object.freeze({ verdict: "drop" });

/** The UDP ports of the packet as the helper sees it (after source NAT on the way out,
 * after its undoing on the way back). */
export function packetPorts<C, S>(
  connection: ConnectionContext<C, S>,
  packet: Packet,
): { source: number; dest: number } {
  const { orig, reply } = connection.conntrack;
  return packet.dir === "orig"
    ? { source: reply.dport, dest: orig.dport }
    : { source: reply.sport, dest: orig.sport };
}

/** `data` with every IpAddress equal to `from` replaced by `to` (a copy when one was; the
 * same array when none was); null when the message does not decode. */
export function translateAddresses(
  data: Uint8Array,
  from: Uint8Array,
  to: Uint8Array,
): Uint8Array | null {
  let out: Uint8Array | null = null;
  const failure = decodeMessage(data, (offset) => {
    for (let i = 0; i < 4; i++) if (data[offset + i] !== from[i]) return;
    out ??= data.slice();
    out.set(to, offset);
  });
  if (failure !== null) return null;
  return out ?? data;
}

export function snmpNatHelp<C, S>(
  connection: ConnectionContext<C, S>,
  packet: Packet,
): PacketResult {
  const { conntrack } = connection;
  const { source, dest } = packetPorts(connection, packet);
  if (source === SNMP_PORT && packet.dir !== "reply") return ACCEPT;
  if (dest === SNMP_TRAP_PORT && packet.dir !== "orig") return ACCEPT;
  if (!conntrack.natted || conntrack.family !== 4) return ACCEPT;
  if (conntrack.orig.src === conntrack.reply.dst) return ACCEPT;
  const from = parseIPv4(conntrack.orig.src);
  const to = parseIPv4(conntrack.reply.dst);
  if (from === null || to === null) return ACCEPT;
  const out = translateAddresses(packet.data, from, to);
  if (out === null) return DROP;
  return out === packet.data ? ACCEPT : { verdict: "accept", data: out };
}

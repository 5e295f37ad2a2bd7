// Turns decoded packets into flows: one per TCP connection or UDP conversation on the
// helper's port. A TCP flow's segments keep their real sequence offsets (relative to the
// ISN when the SYN was captured, else to the first packet seen), so retransmissions and
// reordering survive the trip; directions come from the SYN, else from the server port.

import type { Dir, Flow, L4, Segment } from "../../helpers/core/model.ts";
import type { TransportPacket } from "./ip-packet.ts";
import { PcapError } from "./pcap-error.ts";

const TCP_SYN = 0x02;
const TCP_ACK = 0x10;

export interface ConversationOptions {
  /** The helper's (server) port: conversations touching it become flows. */
  port: number;
  /** Name the flows carry. */
  helper: string;
  /** Keep only this transport, when the helper has one. */
  l4?: L4;
}

interface Connection {
  l4: L4;
  packets: TransportPacket[];
  /** Seq of the client's SYN, when captured: a SYN with another seq starts a new connection. */
  synSeq: number | null;
}

function isPlainSyn(packet: TransportPacket): boolean {
  return packet.l4 === "tcp" && (packet.flags & (TCP_SYN | TCP_ACK)) === TCP_SYN;
}

function conversationKey(packet: TransportPacket): string {
  const a = `${packet.src}|${packet.sport}`;
  const b = `${packet.dst}|${packet.dport}`;
  return `${packet.l4} ${a < b ? `${a} ${b}` : `${b} ${a}`}`;
}

export function flowsFromPackets(
  packets: readonly TransportPacket[],
  options: ConversationOptions,
): Flow[] {
  const current = new Map<string, Connection>();
  const connections: Connection[] = [];
  for (const packet of packets) {
    if (packet.sport !== options.port && packet.dport !== options.port) continue;
    if (options.l4 !== undefined && packet.l4 !== options.l4) continue;
    const key = conversationKey(packet);
    let connection = current.get(key);
    if (connection === undefined || (isPlainSyn(packet) && connection.synSeq !== packet.seq)) {
      connection = { l4: packet.l4, packets: [], synSeq: isPlainSyn(packet) ? packet.seq : null };
      current.set(key, connection);
      connections.push(connection);
    }
    connection.packets.push(packet);
  }
  return connections
    .map((c) => connectionToFlow(c, options))
    .filter((flow) => flow.segments.length > 0);
}

/** The client's address and port: the SYN's sender, the SYN-ACK's receiver, else the side
 * talking to the server port in the first packet. */
function clientOf(connection: Connection, port: number): { addr: string; port: number } {
  const syn = connection.packets.find(isPlainSyn);
  if (syn) return { addr: syn.src, port: syn.sport };
  const synAck = connection.packets.find(
    (p) => p.l4 === "tcp" && (p.flags & (TCP_SYN | TCP_ACK)) === (TCP_SYN | TCP_ACK),
  );
  if (synAck) return { addr: synAck.dst, port: synAck.dport };
  const first = connection.packets[0];
  return first.dport === port || first.sport !== port
    ? { addr: first.src, port: first.sport }
    : { addr: first.dst, port: first.dport };
}

function connectionToFlow(connection: Connection, options: ConversationOptions): Flow {
  const client = clientOf(connection, options.port);
  const first = connection.packets[0];
  const server =
    first.src === client.addr && first.sport === client.port
      ? { addr: first.dst, port: first.dport }
      : { addr: first.src, port: first.sport };
  const dirOf = (p: TransportPacket): Dir =>
    p.src === client.addr && p.sport === client.port ? "orig" : "reply";

  // Stream offset 0 is the byte after the SYN, or the first seq seen without one.
  const base: Partial<Record<Dir, number>> = {};
  for (const p of connection.packets) {
    if (p.l4 === "tcp" && (p.flags & TCP_SYN) !== 0) base[dirOf(p)] ??= (p.seq + 1) >>> 0;
  }
  for (const p of connection.packets) base[dirOf(p)] ??= p.seq;

  const segments: Segment[] = [];
  for (const p of connection.packets) {
    const dir = dirOf(p);
    if (connection.l4 === "tcp" && p.payload.length === 0) continue;
    if (p.truncated || p.fragmented) {
      throw new PcapError(
        p.offset,
        p.truncated
          ? "a packet of the conversation was cut short by the capture: its payload is incomplete"
          : "a packet of the conversation is fragmented: IP fragments are not reassembled",
      );
    }
    const data = p.payload.slice();
    if (connection.l4 === "udp") {
      segments.push({ dir, data });
    } else {
      const dataSeq = (p.flags & TCP_SYN) !== 0 ? p.seq + 1 : p.seq;
      segments.push({ dir, data, seq: (dataSeq - base[dir]!) >>> 0 });
    }
  }
  return { helper: options.helper, l4: connection.l4, client, server, segments };
}

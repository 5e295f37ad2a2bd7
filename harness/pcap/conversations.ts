// Turns decoded packets into flows: one per TCP connection or UDP conversation on the
// helper's port. A TCP flow's segments keep their real sequence offsets (relative to the
// ISN when the SYN was captured, else to the first packet seen), so retransmissions and
// reordering survive the trip; directions come from the SYN, else from the server port.
// Each segment keeps its ack (as an offset in the other direction's stream) and its frame
// number, for the two-sided NAT comparison.

import type { Dir, Endpoint, Flow, L4, Segment } from "../../helpers/core/model.ts";
import type { TransportPacket } from "./ip-packet.ts";
import { PcapError } from "./pcap-error.ts";

const TCP_SYN = 0x02;
const TCP_ACK = 0x10;

export interface ConversationOptions {
  /** The helper's (server) port: conversations touching it become flows. */
  port: number;
  /** Name the flows carry. */
  helper: string;
  /** Keep only these transports (the helper's); absent = any. */
  transports?: readonly L4[];
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

/** A payload-carrying packet of a conversation, as its capture shows it. */
export interface CapturedSegment {
  dir: Dir;
  data: Uint8Array;
  /** TCP: the stream offset of data[0]; UDP: 0. */
  seq: number;
  /** TCP with ACK set: the offset in the other direction's stream it acknowledges. */
  ack: number | null;
  /** The frame's number in the capture, when known. */
  frame: number | null;
}

/** One TCP connection or UDP conversation on the helper's port. */
export interface Conversation {
  helper: string;
  l4: L4;
  client: Endpoint;
  server: Endpoint;
  segments: CapturedSegment[];
}

export function flowsFromPackets(
  packets: readonly TransportPacket[],
  options: ConversationOptions,
): Flow[] {
  return conversationsFromPackets(packets, options).map(conversationToFlow);
}

export function conversationsFromPackets(
  packets: readonly TransportPacket[],
  options: ConversationOptions,
): Conversation[] {
  const current = new Map<string, Connection>();
  const connections: Connection[] = [];
  for (const packet of packets) {
    if (packet.sport !== options.port && packet.dport !== options.port) continue;
    if (options.transports !== undefined && !options.transports.includes(packet.l4)) continue;
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
    .map((c) => connectionToConversation(c, options))
    .filter((conversation) => conversation.segments.length > 0);
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

function connectionToConversation(
  connection: Connection,
  options: ConversationOptions,
): Conversation {
  const client = clientOf(connection, options.port);
  const first = connection.packets[0];
  const server =
    first.src === client.addr && first.sport === client.port
      ? { addr: first.dst, port: first.dport }
      : { addr: first.src, port: first.sport };
  const dirOf = (p: TransportPacket): Dir =>
    p.src === client.addr && p.sport === client.port ? "orig" : "reply";
  const other = (dir: Dir): Dir => (dir === "orig" ? "reply" : "orig");

  // Stream offset 0 is the byte after the SYN, or the first seq seen without one (or, for
  // a direction never seen, the first ack of it).
  const base: Partial<Record<Dir, number>> = {};
  for (const p of connection.packets) {
    if (p.l4 === "tcp" && (p.flags & TCP_SYN) !== 0) base[dirOf(p)] ??= (p.seq + 1) >>> 0;
  }
  for (const p of connection.packets) base[dirOf(p)] ??= p.seq;
  for (const p of connection.packets) {
    if ((p.flags & TCP_ACK) !== 0) base[other(dirOf(p))] ??= p.ack;
  }

  const segments: CapturedSegment[] = [];
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
    const frame = p.frame ?? null;
    if (connection.l4 === "udp") {
      segments.push({ dir, data, seq: 0, ack: null, frame });
    } else {
      const dataSeq = (p.flags & TCP_SYN) !== 0 ? p.seq + 1 : p.seq;
      const ack = (p.flags & TCP_ACK) !== 0 ? (p.ack - base[other(dir)]!) >>> 0 : null;
      segments.push({ dir, data, seq: (dataSeq - base[dir]!) >>> 0, ack, frame });
    }
  }
  return { helper: options.helper, l4: connection.l4, client, server, segments };
}

/** The conversation as a flow: what a target is asked about. */
export function conversationToFlow(conversation: Conversation): Flow {
  const { helper, l4, client, server } = conversation;
  const segments: Segment[] = conversation.segments.map(({ dir, data, seq }) =>
    l4 === "udp" ? { dir, data } : { dir, data, seq },
  );
  return { helper, l4, client: { ...client }, server: { ...server }, segments };
}

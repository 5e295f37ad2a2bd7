// A flow as a capture: the frames a client and server would exchange for it, so that a
// failure opens in Wireshark as the protocol it is and tcpreplay can send it at a box.
// TCP gets a three-way handshake, the flow's segments at their own sequence offsets (a
// retransmission or reordering in the flow shows as one on the wire), and a FIN close.

import { addressBytes } from "../../helpers/core/address.ts";
import { normalizeSegments } from "../../helpers/core/driver.ts";
import {
  type Dir,
  type Flow,
  FlowError,
  type Outcome,
  type Segment,
} from "../../helpers/core/model.ts";
import { seqAfter } from "../../helpers/core/sequence.ts";
import { SequenceAdjust } from "../../helpers/core/sequence-adjust.ts";
import {
  buildEthernetFrame,
  buildIpPacket,
  buildTcpSegment,
  buildUdpDatagram,
  etherTypeOf,
  IPPROTO_TCP,
  IPPROTO_UDP,
  TCP_ACK,
  TCP_FIN,
  TCP_PSH,
  TCP_SYN,
} from "./packet-build.ts";
import { type SavefileFrame, writeSavefile } from "./savefile.ts";

export interface PcapOptions {
  /** client (default): without an outcome, the flow as both ends sent it; with one, the
   * client's wire behind the target (the server's segments as forwarded). server: the
   * server's wire once the target forwarded the client's segments (needs the outcome). */
  side?: "client" | "server";
  clientIsn?: number;
  serverIsn?: number;
  /** Time of the first frame, microseconds since the epoch. */
  startMicros?: number;
  /** Gap between frames, microseconds. */
  stepMicros?: number;
  /** Per segment of the flow written: the offset in the peer's stream it acknowledges
   * (default: the furthest byte the peer has sent so far). */
  acks?: readonly number[];
}

/** Fixed so that the same flow always gives the same bytes (diffable findings). */
const DEFAULT_CLIENT_ISN = 0x1000_0000;
const DEFAULT_SERVER_ISN = 0x2000_0000;
const DEFAULT_START_MICROS = 1_700_000_000_000_000;
const DEFAULT_STEP_MICROS = 1000;
const WINDOW = 65535;
const CLIENT_MAC = Uint8Array.of(0x02, 0, 0, 0, 0, 0x01);
const SERVER_MAC = Uint8Array.of(0x02, 0, 0, 0, 0, 0x02);

export function flowToPcap(flow: Flow, outcome?: Outcome, options: PcapOptions = {}): Uint8Array {
  const side = options.side ?? "client";
  if (!outcome) {
    if (side === "server")
      throw new FlowError("the server-side capture needs the target's outcome");
    return writeSavefile(flowToFrames(flow, options));
  }
  const shown = side === "server" ? serverSideFlow(flow, outcome) : clientSideFlow(flow, outcome);
  const acks = flow.l4 === "tcp" ? wireAcks(flow, outcome)[side] : undefined;
  return writeSavefile(flowToFrames(shown, { ...options, acks }));
}

function checkOutcomeLength(flow: Flow, outcome: Outcome): void {
  if (outcome.segments.length !== flow.segments.length) {
    throw new FlowError(
      `the outcome has ${outcome.segments.length} segments for a flow of ${flow.segments.length}`,
    );
  }
}

/** The flow as the server sees it: the client under its NAT address, each accepted client
 * segment as forwarded (rewritten bytes, adjusted seq), dropped ones gone. The server's own
 * segments are as it sent them: it is their source, whatever happens to them later. */
export function serverSideFlow(flow: Flow, outcome: Outcome): Flow {
  checkOutcomeLength(flow, outcome);
  const inputSeqs = normalizeSegments(flow).map((segment) => segment.seq);
  const segments: Segment[] = [];
  flow.segments.forEach((segment, i) => {
    const result = outcome.segments[i];
    if (segment.dir === "reply") {
      segments.push(withSeq(flow, { dir: "reply", data: segment.data }, inputSeqs[i]));
    } else if (result.verdict === "accept") {
      segments.push(withSeq(flow, { dir: "orig", data: result.data }, result.seq));
    }
  });
  const { nat, ...rest } = flow;
  const client = nat ? { addr: nat.client.addr, port: flow.client.port } : flow.client;
  return { ...rest, client, segments };
}

/** The flow as the client's side of the target sees it: the client's own segments as it
 * sent them, each accepted server segment as forwarded, dropped ones gone. */
export function clientSideFlow(flow: Flow, outcome: Outcome): Flow {
  checkOutcomeLength(flow, outcome);
  const inputSeqs = normalizeSegments(flow).map((segment) => segment.seq);
  const segments: Segment[] = [];
  flow.segments.forEach((segment, i) => {
    const result = outcome.segments[i];
    if (segment.dir === "orig") {
      segments.push(withSeq(flow, { dir: "orig", data: segment.data }, inputSeqs[i]));
    } else if (result.verdict === "accept") {
      segments.push(withSeq(flow, { dir: "reply", data: result.data }, result.seq));
    }
  });
  const { nat: _nat, ...rest } = flow;
  return { ...rest, segments };
}

/** The acks of the segments of clientSideFlow and serverSideFlow, in their order: each end
 * acknowledges the furthest byte it has received, and the target undoes its sequence
 * adjustment on the acks it forwards (nf_conntrack_seqadj, the other direction's record). */
function wireAcks(flow: Flow, outcome: Outcome): Record<"client" | "server", number[]> {
  const seqadj = new SequenceAdjust();
  const received = { client: 0, server: 0 };
  const acks = { client: [] as number[], server: [] as number[] };
  normalizeSegments(flow).forEach((segment, i) => {
    const result = outcome.segments[i];
    // The sender's side of the target, and the receiver's.
    const [from, to] =
      segment.dir === "orig" ? (["client", "server"] as const) : (["server", "client"] as const);
    const ownAck = received[from];
    acks[from].push(ownAck);
    if (result.verdict !== "accept") return;
    acks[to].push(seqadj.adjustAck(segment.dir, ownAck));
    if (result.data.length !== segment.data.length) {
      seqadj.record(segment.dir, segment.seq, result.data.length - segment.data.length);
    }
    const end = (result.seq + result.data.length) >>> 0;
    if (seqAfter(end, received[to])) received[to] = end;
  });
  return acks;
}

function withSeq(flow: Flow, segment: Segment, seq: number): Segment {
  return flow.l4 === "tcp" ? { ...segment, seq } : segment;
}

interface Side {
  addr: Uint8Array;
  port: number;
  mac: Uint8Array;
}

/** Frames with monotonically increasing timestamps; FlowError on a flow no wire carries. */
export function flowToFrames(flow: Flow, options: PcapOptions = {}): SavefileFrame[] {
  const ends = endpointsOf(flow);
  const frames: SavefileFrame[] = [];
  const start = options.startMicros ?? DEFAULT_START_MICROS;
  const step = options.stepMicros ?? DEFAULT_STEP_MICROS;
  const ipIds = { orig: 1, reply: 1 };
  const emit = (dir: Dir, protocol: number, transport: Uint8Array) => {
    const from = ends[dir];
    const to = ends[dir === "orig" ? "reply" : "orig"];
    const packet = buildIpPacket(from.addr, to.addr, protocol, transport, ipIds[dir]++);
    const data = buildEthernetFrame(to.mac, from.mac, etherTypeOf(from.addr), packet);
    frames.push({ timeMicros: start + frames.length * step, data });
  };
  if (flow.l4 === "udp") emitUdp(flow, ends, emit);
  else if (flow.l4 === "tcp") emitTcp(flow, ends, emit, options);
  else throw new FlowError(`unknown l4 ${JSON.stringify(flow.l4)}: tcp or udp`);
  return frames;
}

type Emit = (dir: Dir, protocol: number, transport: Uint8Array) => void;

function endpointsOf(flow: Flow): Record<Dir, Side> {
  const client = addressBytes(flow.client.addr);
  const server = addressBytes(flow.server.addr);
  if (client.length !== server.length) {
    throw new FlowError(
      `client ${flow.client.addr} and server ${flow.server.addr} are of different families`,
    );
  }
  for (const [name, port] of [
    ["client", flow.client.port],
    ["server", flow.server.port],
  ] as const) {
    if (!Number.isInteger(port) || port < 0 || port > 0xffff) {
      throw new FlowError(`${name} port ${port} is not a 16-bit port number`);
    }
  }
  return {
    orig: { addr: client, port: flow.client.port, mac: CLIENT_MAC },
    reply: { addr: server, port: flow.server.port, mac: SERVER_MAC },
  };
}

function emitUdp(flow: Flow, ends: Record<Dir, Side>, emit: Emit): void {
  for (const segment of flow.segments) {
    const from = ends[segment.dir];
    const to = ends[segment.dir === "orig" ? "reply" : "orig"];
    emit(
      segment.dir,
      IPPROTO_UDP,
      buildUdpDatagram(from.addr, to.addr, from.port, to.port, segment.data),
    );
  }
}

function emitTcp(flow: Flow, ends: Record<Dir, Side>, emit: Emit, options: PcapOptions): void {
  const isn: Record<Dir, number> = {
    orig: (options.clientIsn ?? DEFAULT_CLIENT_ISN) >>> 0,
    reply: (options.serverIsn ?? DEFAULT_SERVER_ISN) >>> 0,
  };
  // Each side acknowledges the furthest byte the other has sent so far: never data that
  // was not on the wire, so Wireshark sees no "ACKed unseen segment".
  const sentEnd: Record<Dir, number> = { orig: 0, reply: 0 };
  const wire = (dir: Dir, offset: number) => (isn[dir] + 1 + offset) >>> 0;
  const send = (dir: Dir, seq: number, ack: number, flags: number, payload: Uint8Array) => {
    const from = ends[dir];
    const to = ends[dir === "orig" ? "reply" : "orig"];
    const fields = { sport: from.port, dport: to.port, seq, ack, flags, window: WINDOW };
    emit(dir, IPPROTO_TCP, buildTcpSegment(from.addr, to.addr, fields, payload));
  };
  const none = new Uint8Array(0);

  send("orig", isn.orig, 0, TCP_SYN, none);
  send("reply", isn.reply, wire("orig", 0), TCP_SYN | TCP_ACK, none);
  send("orig", wire("orig", 0), wire("reply", 0), TCP_ACK, none);

  const seqs = normalizeSegments(flow).map((segment) => segment.seq);
  flow.segments.forEach((segment, i) => {
    const peer: Dir = segment.dir === "orig" ? "reply" : "orig";
    const flags = segment.data.length > 0 ? TCP_PSH | TCP_ACK : TCP_ACK;
    const ack = options.acks?.[i] ?? sentEnd[peer];
    send(segment.dir, wire(segment.dir, seqs[i]), wire(peer, ack), flags, segment.data);
    const end = (seqs[i] + segment.data.length) >>> 0;
    if (seqAfter(end, sentEnd[segment.dir])) sentEnd[segment.dir] = end;
  });

  const clientFin = wire("orig", sentEnd.orig);
  const serverFin = wire("reply", sentEnd.reply);
  send("orig", clientFin, serverFin, TCP_FIN | TCP_ACK, none);
  send("reply", serverFin, (clientFin + 1) >>> 0, TCP_FIN | TCP_ACK, none);
  send("orig", (clientFin + 1) >>> 0, (serverFin + 1) >>> 0, TCP_ACK, none);
}

import { describe, expect, it } from "vitest";
import type { Flow } from "../../helpers/core/model.ts";
import { conversationsFromPackets, flowsFromPackets } from "./conversations.ts";
import type { TransportPacket } from "./ip-packet.ts";

const SYN = 0x02;
const ACK = 0x10;
const PSH_ACK = 0x18;

function tcp(
  src: string,
  sport: number,
  dst: string,
  dport: number,
  seq: number,
  flags: number,
  payload = "",
): TransportPacket {
  return {
    family: 4,
    src,
    dst,
    l4: "tcp",
    sport,
    dport,
    seq,
    ack: 0,
    flags,
    payload: new TextEncoder().encode(payload),
    truncated: false,
    fragmented: false,
    offset: 0,
  };
}
const C = "10.0.0.2";
const S = "10.0.0.9";
const options = { port: 21, helper: "ftp" };
const seqsOf = (flow: Flow) => flow.segments.map((s) => [s.dir, s.seq]);

describe("conversationsFromPackets", () => {
  it("keeps each segment's ack as an offset in the other stream, and its frame number", () => {
    const withAck = (packet: TransportPacket, ack: number, frame: number) => ({
      ...packet,
      ack,
      frame,
    });
    const [conversation] = conversationsFromPackets(
      [
        withAck(tcp(C, 5000, S, 21, 0xffffffff, SYN), 0, 1),
        withAck(tcp(S, 21, C, 5000, 700, SYN | ACK), 0, 2),
        withAck(tcp(S, 21, C, 5000, 701, PSH_ACK, "220 hi\r\n"), 0, 3),
        withAck(tcp(C, 5000, S, 21, 0, PSH_ACK, "USER\r\n"), 709, 4),
        // No ACK flag: the ack field means nothing.
        withAck(tcp(C, 5000, S, 21, 6, 0x08, "PASS\r\n"), 709, 5),
      ],
      options,
    );
    expect(conversation.segments.map((s) => [s.dir, s.seq, s.ack, s.frame])).toEqual([
      ["reply", 0, 0, 3],
      ["orig", 0, 8, 4],
      ["orig", 6, null, 5],
    ]);
  });
});

describe("flowsFromPackets", () => {
  it("takes directions and offsets from the SYN and SYN-ACK", () => {
    const [flow] = flowsFromPackets(
      [
        tcp(C, 5000, S, 21, 0xffffffff, SYN),
        tcp(S, 21, C, 5000, 700, SYN | ACK),
        tcp(S, 21, C, 5000, 701, PSH_ACK, "220 hi\r\n"),
        tcp(C, 5000, S, 21, 4, PSH_ACK, "QUIT\r\n"),
        tcp(C, 5000, S, 21, 0, PSH_ACK, "USER\r\n"),
      ],
      options,
    );
    expect(flow.client).toEqual({ addr: C, port: 5000 });
    expect(flow.server).toEqual({ addr: S, port: 21 });
    expect(seqsOf(flow)).toEqual([
      ["reply", 0],
      ["orig", 4],
      ["orig", 0],
    ]);
  });

  it("without a handshake, finds the client by the server port and counts from the first packet", () => {
    const [flow] = flowsFromPackets(
      [
        tcp(S, 21, C, 5000, 1000, PSH_ACK, "200 ok\r\n"),
        tcp(C, 5000, S, 21, 50, PSH_ACK, "PASV\r\n"),
        tcp(S, 21, C, 5000, 1008, PSH_ACK, "227 x\r\n"),
      ],
      options,
    );
    expect(flow.client.addr).toBe(C);
    expect(seqsOf(flow)).toEqual([
      ["reply", 0],
      ["orig", 0],
      ["reply", 8],
    ]);
  });

  it("starts a new flow when the same ports open a new connection", () => {
    const flows = flowsFromPackets(
      [
        tcp(C, 5000, S, 21, 10, SYN),
        tcp(C, 5000, S, 21, 11, PSH_ACK, "A\r\n"),
        tcp(C, 5000, S, 21, 10, SYN), // a retransmitted SYN stays in the first connection
        tcp(C, 5000, S, 21, 90, SYN),
        tcp(C, 5000, S, 21, 91, PSH_ACK, "B\r\n"),
      ],
      options,
    );
    expect(flows.map((f) => new TextDecoder().decode(f.segments[0].data))).toEqual([
      "A\r\n",
      "B\r\n",
    ]);
  });

  it("leaves out other ports, empty connections, and the wrong transport", () => {
    const flows = flowsFromPackets(
      [
        tcp(C, 5000, S, 80, 1, PSH_ACK, "GET /\r\n"),
        tcp(C, 5001, S, 21, 1, SYN),
        tcp(C, 5002, S, 21, 1, PSH_ACK, "NOOP\r\n"),
      ],
      { ...options, transports: ["udp"] },
    );
    expect(flows).toEqual([]);
  });

  it("keeps every UDP datagram, empty ones too, without seqs", () => {
    const udp = (
      src: string,
      sport: number,
      dst: string,
      dport: number,
      payload: string,
    ): TransportPacket => ({ ...tcp(src, sport, dst, dport, 0, 0, payload), l4: "udp" });
    const [flow] = flowsFromPackets(
      [udp(C, 3000, S, 69, "\0\x01f\0octet\0"), udp(S, 69, C, 3000, "")],
      { port: 69, helper: "tftp" },
    );
    expect(flow.l4).toBe("udp");
    expect(flow.segments.map((s) => [s.dir, s.data.length, s.seq])).toEqual([
      ["orig", 10, undefined],
      ["reply", 0, undefined],
    ]);
  });

  it("refuses a conversation packet whose payload the capture cut or fragmented", () => {
    const cut = { ...tcp(C, 5000, S, 21, 1, PSH_ACK, "PO"), truncated: true, offset: 77 };
    expect(() => flowsFromPackets([cut], options)).toThrow(/cut short by the capture.*offset 77/);
    const fragment = { ...tcp(C, 5000, S, 21, 1, PSH_ACK, "PO"), fragmented: true };
    expect(() => flowsFromPackets([fragment], options)).toThrow(/fragments are not reassembled/);
  });
});

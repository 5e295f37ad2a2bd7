import { describe, expect, it } from "vitest";
import { type Flow, FlowError, type Outcome } from "../../helpers/core/model.ts";
import { readCaptureFrames } from "./capture-file.ts";
import { flowToFrames, flowToPcap, serverSideFlow } from "./flow-to-pcap.ts";
import { conversationsFromCapture, flowsFromCapture } from "./read-flows.ts";

const text = (s: string) => new TextEncoder().encode(s);

const natFlow: Flow = {
  helper: "ftp",
  l4: "tcp",
  client: { addr: "10.0.0.2", port: 40000 },
  server: { addr: "203.0.113.5", port: 21 },
  nat: { client: { addr: "198.51.100.7" } },
  segments: [
    { dir: "orig", data: text("PORT 10,0,0,2,4,1\r\n") },
    { dir: "reply", data: text("200 ok\r\n") },
    { dir: "orig", data: text("BAD\r\n") },
    { dir: "orig", data: text("LIST\r\n") },
  ],
};
const outcome: Outcome = {
  expectations: [],
  segments: [
    { verdict: "accept", data: text("PORT 198,51,100,7,4,1\r\n"), seq: 0 },
    { verdict: "accept", data: text("200 ok\r\n"), seq: 0 },
    { verdict: "drop", data: text("BAD\r\n"), seq: 19 },
    { verdict: "accept", data: text("LIST\r\n"), seq: 28 },
  ],
};

function tcpFlags(frame: Uint8Array): number {
  return frame[14 + 20 + 13];
}

describe("flowToFrames", () => {
  it("wraps a TCP flow in a handshake and a FIN close, timestamps increasing", () => {
    const frames = flowToFrames(natFlow);
    expect(frames.length).toBe(3 + 4 + 3);
    expect(frames.slice(0, 3).map((f) => tcpFlags(f.data))).toEqual([0x02, 0x12, 0x10]);
    expect(frames.slice(-3).map((f) => tcpFlags(f.data))).toEqual([0x11, 0x11, 0x10]);
    for (let i = 1; i < frames.length; i++)
      expect(frames[i].timeMicros).toBeGreaterThan(frames[i - 1].timeMicros);
  });

  it("acknowledges the furthest byte the peer sent, whatever order it came in", () => {
    const reordered: Flow = {
      ...natFlow,
      segments: [
        { dir: "orig", data: new Uint8Array(5), seq: 10 },
        { dir: "orig", data: new Uint8Array(10), seq: 0 },
        { dir: "reply", data: new Uint8Array(3) },
      ],
    };
    const frames = flowToFrames(reordered, { clientIsn: 0xffff_fff0, serverIsn: 7 });
    const field = (frame: Uint8Array, at: number) =>
      new DataView(frame.buffer).getUint32(14 + 20 + at);
    const [first, second, reply] = frames.slice(3, 6).map((f) => f.data);
    expect([field(first, 4), field(second, 4)]).toEqual([0xffff_fff0 + 11, 0xffff_fff1]);
    expect(field(reply, 8)).toBe((0xffff_fff0 + 1 + 15) >>> 0);
    const fin = frames[6].data;
    expect(field(fin, 4)).toBe((0xffff_fff0 + 1 + 15) >>> 0);
  });

  it("sends one datagram per UDP segment and nothing else", () => {
    const udp: Flow = { ...natFlow, l4: "udp", server: { addr: "203.0.113.5", port: 69 } };
    const frames = flowToFrames(udp);
    expect(frames.length).toBe(4);
    expect(frames.every((f) => f.data[14 + 9] === 17)).toBe(true);
  });

  it("rejects mixed families and bad ports as FlowError", () => {
    expect(() => flowToFrames({ ...natFlow, server: { addr: "2001:db8::1", port: 21 } })).toThrow(
      FlowError,
    );
    expect(() =>
      flowToFrames({ ...natFlow, server: { addr: "203.0.113.5", port: 70000 } }),
    ).toThrow(/16-bit port/);
  });
});

describe("serverSideFlow", () => {
  it("puts the client behind its NAT address with the forwarded bytes and seqs, drops gone", () => {
    const server = serverSideFlow(natFlow, outcome);
    expect(server.client).toEqual({ addr: "198.51.100.7", port: 40000 });
    expect(server.nat).toBeUndefined();
    expect(server.segments).toEqual([
      { dir: "orig", data: text("PORT 198,51,100,7,4,1\r\n"), seq: 0 },
      { dir: "reply", data: text("200 ok\r\n"), seq: 0 },
      { dir: "orig", data: text("LIST\r\n"), seq: 28 },
    ]);
  });

  it("keeps the server's own segments as it sent them, even when dropped on the way", () => {
    const dropped: Outcome = {
      ...outcome,
      segments: outcome.segments.map((s, i) => (i === 1 ? { ...s, verdict: "drop" as const } : s)),
    };
    expect(serverSideFlow(natFlow, dropped).segments.filter((s) => s.dir === "reply").length).toBe(
      1,
    );
  });

  it("needs an outcome of the flow's length", () => {
    expect(() => serverSideFlow(natFlow, { ...outcome, segments: [] })).toThrow(
      /0 segments for a flow of 4/,
    );
    expect(() => flowToPcap(natFlow, undefined, { side: "server" })).toThrow(
      /needs the target's outcome/,
    );
  });

  it("reads back from the server-side capture as the server saw it", () => {
    const [flow] = flowsFromCapture(flowToPcap(natFlow, outcome, { side: "server" }));
    expect(flow.client.addr).toBe("198.51.100.7");
    expect(new TextDecoder().decode(flow.segments[0].data)).toBe("PORT 198,51,100,7,4,1\r\n");
    expect(flow.segments.map((s) => s.seq)).toEqual([0, 0, 28]);
    expect(readCaptureFrames(flowToPcap(natFlow, outcome, { side: "server" })).length).toBe(
      3 + 3 + 3,
    );
  });
});

describe("the two sides of a target, with its outcome", () => {
  // PORT rewritten 4 bytes longer, then a segment dropped, then the server answers: the
  // server acks only what it received (its numbering), the client sees that ack undone.
  const flow: Flow = {
    ...natFlow,
    segments: [
      { dir: "orig", data: text("PORT 10,0,0,2,4,1\r\n") },
      { dir: "orig", data: text("BAD\r\n") },
      { dir: "reply", data: text("200 ok\r\n") },
    ],
  };
  const dropped: Outcome = {
    expectations: [],
    segments: [
      { verdict: "accept", data: text("PORT 198,51,100,7,4,1\r\n"), seq: 0 },
      { verdict: "drop", data: text("BAD\r\n"), seq: 19 },
      { verdict: "accept", data: text("200 ok\r\n"), seq: 0 },
    ],
  };
  const acksOf = (bytes: Uint8Array) =>
    conversationsFromCapture(bytes)[0].segments.map((s) => [s.dir, s.seq, s.ack]);

  it("acks on each wire what that wire's receiver got", () => {
    expect(acksOf(flowToPcap(flow, dropped, { side: "server" }))).toEqual([
      ["orig", 0, 0],
      ["reply", 0, 23],
    ]);
    expect(acksOf(flowToPcap(flow, dropped))).toEqual([
      ["orig", 0, 0],
      ["orig", 19, 0],
      ["reply", 0, 19],
    ]);
  });

  it("shows the server's segments on the client's wire as forwarded", () => {
    const rewrittenReply: Outcome = {
      ...dropped,
      segments: dropped.segments.map((s, i) => (i === 2 ? { ...s, data: text("200 OK\r\n") } : s)),
    };
    const [client] = flowsFromCapture(flowToPcap(flow, rewrittenReply));
    expect(client.client.addr).toBe("10.0.0.2");
    expect(client.segments.map((s) => new TextDecoder().decode(s.data))).toEqual([
      "PORT 10,0,0,2,4,1\r\n",
      "BAD\r\n",
      "200 OK\r\n",
    ]);
  });
});

import { describe, expect, it } from "vitest";
import { type Dir, type Flow, FlowError, type Outcome } from "../../core/model.ts";
import { tftpSpec, tftpSpecTrace } from "./index.ts";

// kernel-helpers.md §14 notation.
const C = "10.0.0.2";
const S = "203.0.113.5";
const N = "198.51.100.1";

const bytes = (...values: number[]) => Uint8Array.from(values);
const ascii = (text: string) => new TextEncoder().encode(text);
const concat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((part) => [...part]));
const RRQ = concat(bytes(0, 1), ascii("boot.img\0octet\0"));
const WRQ = concat(bytes(0, 2), ascii("up.txt\0netascii\0"));
const DATA = concat(bytes(0, 3, 0, 1), ascii("hello"));
const ACK = bytes(0, 4, 0, 1);
const ERROR = concat(bytes(0, 5, 0, 1), ascii("File not found\0"));
const OACK = concat(bytes(0, 6), ascii("blksize\x001428\0"));

interface Datagram {
  dir: Dir;
  data: Uint8Array;
  seq?: number;
}
const orig = (data: Uint8Array, seq?: number): Datagram => ({ dir: "orig", data, seq });
const reply = (data: Uint8Array, seq?: number): Datagram => ({ dir: "reply", data, seq });

function flowOf(datagrams: Datagram[], extra: Partial<Flow> = {}): Flow {
  return {
    helper: "tftp",
    l4: "udp",
    client: { addr: C, port: 40000 },
    server: { addr: S, port: 69 },
    segments: datagrams.map((d) => ({
      dir: d.dir,
      data: d.data,
      ...(d.seq === undefined ? {} : { seq: d.seq }),
    })),
    ...extra,
  };
}

const run = (datagrams: Datagram[], extra: Partial<Flow> = {}) =>
  tftpSpec(flowOf(datagrams, extra));
const verdicts = (outcome: Outcome) => outcome.segments.map((segment) => segment.verdict);
const toClient = (dst = C, src = S, dport = 40000) => ({
  l4: "udp",
  src,
  sport: null,
  dst,
  dport,
});

describe("§14 TFTP vectors", () => {
  it("RRQ C:40000→S:69 ⇒ exp S(any port)→C:40000/udp", () => {
    const outcome = run([orig(RRQ)]);
    expect(outcome.expectations).toEqual([toClient()]);
    expect(verdicts(outcome)).toEqual(["accept"]);
  });
  it("RRQ under NAT ⇒ exp S→N:40000, payload untouched", () => {
    const outcome = run([orig(RRQ)], { nat: { client: { addr: N } } });
    expect(outcome.expectations).toEqual([toClient(N)]);
    expect(outcome.segments[0].data).toEqual(RRQ);
  });
  it("opcodes 3, 4, 5, 6 ⇒ nothing", () => {
    for (const data of [DATA, ACK, ERROR, OACK]) {
      const outcome = run([orig(data), reply(data)]);
      expect(outcome.expectations).toEqual([]);
      expect(verdicts(outcome)).toEqual(["accept", "accept"]);
    }
  });
  it("a 1-byte payload ⇒ nothing", () => {
    expect(run([orig(bytes(1))]).expectations).toEqual([]);
    expect(run([orig(bytes(0))]).expectations).toEqual([]);
  });
});

describe("§4.2 behaviour", () => {
  it("WRQ works like RRQ", () => {
    expect(run([orig(WRQ)]).expectations).toEqual([toClient()]);
  });
  it("a bare opcode with no filename still opens the pinhole", () => {
    expect(run([orig(bytes(0, 2))]).expectations).toEqual([toClient()]);
  });
  it("§13.9: a request in the reply direction opens the same pinhole", () => {
    expect(run([orig(DATA), reply(RRQ)]).expectations).toEqual([toClient()]);
    expect(run([reply(WRQ)], { nat: { client: { addr: N } } }).expectations).toEqual([toClient(N)]);
  });
  it("empty datagrams and every non-request opcode are accepted unchanged", () => {
    const datagrams = [orig(new Uint8Array()), orig(bytes(0, 0)), orig(bytes(0xff, 0xff, 1))];
    const outcome = run(datagrams);
    expect(outcome.expectations).toEqual([]);
    expect(outcome.segments.map((s) => s.data)).toEqual(datagrams.map((d) => d.data));
  });
  it("opcode 256 (01 00) and 513 (02 01) are not requests", () => {
    expect(run([orig(bytes(1, 0)), orig(bytes(2, 1))]).expectations).toEqual([]);
  });
  it("a re-sent RRQ replaces the live one and appears again in the created list", () => {
    const trace = tftpSpecTrace(flowOf([orig(RRQ), orig(RRQ), orig(DATA)]));
    expect(trace.outcome.expectations).toEqual([toClient(), toClient()]);
    expect(trace.liveAfter).toEqual([[toClient()], [toClient()], [toClient()]]);
  });
  it("IPv6: the pinhole uses canonical addresses", () => {
    const outcome = run([orig(RRQ)], {
      client: { addr: "2001:DB8::0:2", port: 50000 },
      server: { addr: "2001:db8:0:0:0:0:0:5", port: 69 },
    });
    expect(outcome.expectations).toEqual([toClient("2001:db8::2", "2001:db8::5", 50000)]);
  });
  it("IPv6 under NAT names the NAT address", () => {
    const outcome = run([orig(RRQ)], {
      client: { addr: "fd00::2", port: 50000 },
      server: { addr: "2001:db8::5", port: 69 },
      nat: { client: { addr: "2001:db8:ffff::1" } },
    });
    expect(outcome.expectations).toEqual([toClient("2001:db8:ffff::1", "2001:db8::5", 50000)]);
  });
});

describe("datagram seqs (never adjusted)", () => {
  it("absent seqs follow the previous datagram of the same direction", () => {
    const outcome = run([orig(RRQ), reply(DATA), orig(ACK), reply(DATA, 2 ** 32 + 7)]);
    expect(outcome.segments.map((s) => s.seq)).toEqual([0, 0, RRQ.length, 7]);
  });
  it("outputs are copies, not the input arrays", () => {
    const flow = flowOf([orig(RRQ)]);
    const outcome = tftpSpec(flow);
    expect(outcome.segments[0].data).not.toBe(flow.segments[0].data);
  });
});

describe("bad tool input ⇒ FlowError", () => {
  const cases: [string, Partial<Flow>][] = [
    ["unknown option", { config: { port: [69] } }],
    ["bad ports", { config: { ports: [69, 70000] } }],
    ["other helper", { helper: "amanda" }],
    ["tcp", { l4: "tcp" }],
    ["mixed families", { server: { addr: "2001:db8::1", port: 69 } }],
    ["NAT of another family", { nat: { client: { addr: "2001:db8::1" } } }],
  ];
  for (const [name, extra] of cases) {
    it(name, () => {
      expect(() => run([orig(RRQ)], extra)).toThrow(FlowError);
    });
  }
  it("accepts the documented options", () => {
    expect(run([orig(RRQ)], { config: { ports: [69, 6969] } }).expectations).toHaveLength(1);
  });
});

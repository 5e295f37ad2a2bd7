import { describe, expect, it } from "vitest";
import { type Dir, type Flow, FlowError, type Outcome } from "../../core/model.ts";
import { amandaSpec, amandaSpecTrace } from "./index.ts";

// kernel-helpers.md §14: the backup server B dials amandad A on 10080; A answers (REPLY).
const B = "10.0.0.2";
const A = "203.0.113.5";
const N = "198.51.100.1";

interface Datagram {
  dir: Dir;
  text: string;
  seq?: number;
}
const orig = (text: string, seq?: number): Datagram => ({ dir: "orig", text, seq });
const reply = (text: string, seq?: number): Datagram => ({ dir: "reply", text, seq });
const REQUEST = orig("Amanda 2.6 REQ HANDLE 000-1 SEQ 1\nSERVICE sendbackup\n");

function flowOf(datagrams: Datagram[], extra: Partial<Flow> = {}): Flow {
  return {
    helper: "amanda",
    l4: "udp",
    client: { addr: B, port: 850 },
    server: { addr: A, port: 10080 },
    segments: datagrams.map((d) => ({
      dir: d.dir,
      data: new TextEncoder().encode(d.text),
      ...(d.seq === undefined ? {} : { seq: d.seq }),
    })),
    ...extra,
  };
}

const NAT = { nat: { client: { addr: N } } };
const run = (datagrams: Datagram[], extra: Partial<Flow> = {}) =>
  amandaSpec(flowOf(datagrams, extra));
/** The ports expected from one REPLY datagram. */
const portsOf = (text: string, extra: Partial<Flow> = {}) =>
  run([reply(text)], extra).expectations.map((e) => e.dport);
const texts = (outcome: Outcome) =>
  outcome.segments.map((segment) => new TextDecoder().decode(segment.data));
const toServer = (dport: number, src = B, dst = A) => ({
  l4: "tcp",
  src,
  sport: null,
  dst,
  dport,
});

describe("§14 Amanda vectors", () => {
  it("DATA, MESG, INDEX ⇒ three exps B→A", () => {
    const outcome = run([REQUEST, reply("CONNECT DATA 50000 MESG 50001 INDEX 50002\n")]);
    expect(outcome.expectations).toEqual([toServer(50000), toServer(50001), toServer(50002)]);
    expect(outcome.segments.map((s) => s.verdict)).toEqual(["accept", "accept"]);
  });
  it("MESG 50001 DATA 0 ⇒ none: DATA is searched first and its 0 aborts", () => {
    expect(portsOf("CONNECT MESG 50001 DATA 0\n")).toEqual([]);
  });
  it("DATA 123456 ⇒ 12345", () => {
    expect(portsOf("CONNECT DATA 123456\n")).toEqual([12345]);
  });
  it("XCONNECT DATA 5000 ⇒ 5000 (CONNECT anywhere)", () => {
    expect(portsOf("XCONNECT DATA 5000\n")).toEqual([5000]);
  });
  it("no '\\n' ⇒ none", () => {
    expect(portsOf("CONNECT DATA 5000")).toEqual([]);
  });
});

describe("§5.2 parsing", () => {
  it("only REPLY datagrams are parsed", () => {
    const outcome = run([orig("CONNECT DATA 5000\n")]);
    expect(outcome.expectations).toEqual([]);
    expect(texts(outcome)).toEqual(["CONNECT DATA 5000\n"]);
  });
  it("tokens in any order are taken DATA, MESG, INDEX, STATE", () => {
    expect(portsOf("CONNECT STATE 4 INDEX 3 MESG 2 DATA 1\n")).toEqual([1, 2, 3, 4]);
    expect(portsOf("CONNECT STATE 4 MESG 2\n")).toEqual([2, 4]);
  });
  it("a repeated token counts once (its first occurrence)", () => {
    expect(portsOf("CONNECT DATA 1 DATA 2 MESG 3 MESG 4\n")).toEqual([1, 3]);
  });
  it("substrings of other words match", () => {
    expect(portsOf("CONNECT METADATA 5\n")).toEqual([5]);
    expect(portsOf("CONNECT XSTATE 7 REINDEX 6\n")).toEqual([6, 7]);
    expect(portsOf("CONNECT DATA_MESG 9\n")).toEqual([9]);
  });
  it("case-sensitive: lowercase tokens and connect are ignored", () => {
    expect(portsOf("CONNECT data 5\n")).toEqual([]);
    expect(portsOf("connect DATA 5\n")).toEqual([]);
  });
  it("oversized numbers wrap at 16 bits; 65536 is 0 and aborts", () => {
    expect(portsOf("CONNECT DATA 99999\n")).toEqual([34463]);
    expect(portsOf("CONNECT DATA 70000\n")).toEqual([4464]);
    expect(portsOf("CONNECT DATA 65536 MESG 5\n")).toEqual([]);
    expect(portsOf("CONNECT DATA 65535\n")).toEqual([65535]);
  });
  it("leading zeros count towards the 5 digits", () => {
    expect(portsOf("CONNECT DATA 000123\n")).toEqual([12]);
  });
  it("a port-0 token stops the remaining ones, not the earlier ones", () => {
    expect(portsOf("CONNECT DATA 1 MESG 2 INDEX 0 STATE 4\n")).toEqual([1, 2]);
    expect(portsOf("CONNECT DATA  5000 MESG 2\n")).toEqual([]); // two spaces ⇒ 0
    expect(portsOf("CONNECT DATA x MESG 2\n")).toEqual([]);
    expect(portsOf("CONNECT DATA -5 MESG 2\n")).toEqual([]);
  });
  it("a missing token is skipped, not a stop", () => {
    expect(portsOf("CONNECT INDEX 3\n")).toEqual([3]);
  });
  it("only the region between the first CONNECT and the next '\\n' counts", () => {
    expect(portsOf("DATA 9 CONNECT MESG 2\n")).toEqual([2]);
    expect(portsOf("CONNECT DATA 1\nMESG 2\n")).toEqual([1]);
    expect(portsOf("CONNECT DATA 12\n345")).toEqual([12]);
    expect(portsOf("CONNECT DATA\n 5")).toEqual([]);
    expect(portsOf("CONNECT DATA 1\nCONNECT MESG 2\n")).toEqual([1]);
    expect(portsOf("CONNECT\nDATA 1\n")).toEqual([]);
    expect(portsOf("CONNECT \n")).toEqual([]);
  });
  it("the digit copy stops at the region end: DATA 5 right before '\\n'", () => {
    expect(portsOf("CONNECT DATA 5\n")).toEqual([5]);
    expect(portsOf("CONNECT DATA \n")).toEqual([]);
  });
  it("binary bytes around the line do not matter", () => {
    expect(portsOf("\x00\xffCONNECT \x01DATA 7\x00\n\xff")).toEqual([7]);
  });
  it("a real amandad reply", () => {
    const text =
      "Amanda 2.6 REP HANDLE 000-00000000 SEQ 1\n" +
      "CONNECT DATA 10042 MESG 10043 INDEX 10044\n" +
      "OPTIONS features=9ffe00;\n";
    expect(portsOf(text)).toEqual([10042, 10043, 10044]);
  });
  it("empty datagrams are accepted", () => {
    const outcome = run([reply(""), orig("")]);
    expect(outcome.expectations).toEqual([]);
    expect(outcome.segments.map((s) => s.verdict)).toEqual(["accept", "accept"]);
  });
});

describe("§1.3 expectation list, max_expected 4", () => {
  it("the oldest is evicted but stays in the created list", () => {
    const trace = amandaSpecTrace(
      flowOf([reply("CONNECT DATA 1 MESG 2 INDEX 3 STATE 4\n"), reply("CONNECT DATA 5 MESG 6\n")]),
    );
    expect(trace.outcome.expectations.map((e) => e.dport)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(trace.liveAfter.map((live) => live.map((e) => e.dport))).toEqual([
      [1, 2, 3, 4],
      [3, 4, 5, 6],
    ]);
  });
  it("a repeated reply replaces identical ones and records them again", () => {
    const trace = amandaSpecTrace(
      flowOf([reply("CONNECT DATA 1 MESG 2\n"), reply("CONNECT DATA 1 MESG 2\n")]),
    );
    expect(trace.outcome.expectations.map((e) => e.dport)).toEqual([1, 2, 1, 2]);
    expect(trace.liveAfter[1].map((e) => e.dport)).toEqual([1, 2]);
  });
  it("two tokens naming one port: one live expectation", () => {
    const trace = amandaSpecTrace(flowOf([reply("CONNECT DATA 7 MESG 7\n")]));
    expect(trace.outcome.expectations.map((e) => e.dport)).toEqual([7, 7]);
    expect(trace.liveAfter[0]).toEqual([toServer(7)]);
  });
});

describe("§5.3 NAT", () => {
  it("ports kept, text unchanged when already plain decimal", () => {
    const text = "CONNECT DATA 50000 MESG 50001 INDEX 50002\n";
    const outcome = run([reply(text)], NAT);
    expect(outcome.expectations).toEqual([toServer(50000), toServer(50001), toServer(50002)]);
    expect(texts(outcome)).toEqual([text]);
  });
  it("expectations name the real client (tuple[ORIG].src), not the NAT address", () => {
    expect(run([reply("CONNECT DATA 5\n")], NAT).expectations).toEqual([toServer(5)]);
  });
  it("DATA 0123 becomes DATA 123: shorter, seq unchanged", () => {
    const outcome = run([REQUEST, reply("CONNECT DATA 0123\n", 40), reply("x")], NAT);
    expect(texts(outcome)[1]).toBe("CONNECT DATA 123\n");
    expect(outcome.segments.map((s) => s.seq)).toEqual([0, 40, 58]);
    expect(outcome.expectations).toEqual([toServer(123)]);
  });
  it("a 16-bit wrap is written as the wrapped port", () => {
    expect(texts(run([reply("CONNECT DATA 70000\n")], NAT))).toEqual(["CONNECT DATA 4464\n"]);
    expect(texts(run([reply("CONNECT DATA 99999\n")], NAT))).toEqual(["CONNECT DATA 34463\n"]);
  });
  it("only the parsed digits are replaced: DATA 700001 ⇒ 4464 then 1", () => {
    const outcome = run([reply("CONNECT DATA 700001\n")], NAT);
    expect(texts(outcome)).toEqual(["CONNECT DATA 44641\n"]);
    expect(outcome.expectations).toEqual([toServer(4464)]);
  });
  it("every token is rewritten", () => {
    const outcome = run([reply("CONNECT INDEX 03 DATA 01 MESG 02 STATE 04\nrest")], NAT);
    expect(texts(outcome)).toEqual(["CONNECT INDEX 3 DATA 1 MESG 2 STATE 4\nrest"]);
    expect(outcome.expectations.map((e) => e.dport)).toEqual([1, 2, 3, 4]);
  });
  it("a port-0 token is left as it is and stops the rest", () => {
    const outcome = run([reply("CONNECT DATA 01 MESG 00 INDEX 03\n")], NAT);
    expect(texts(outcome)).toEqual(["CONNECT DATA 1 MESG 00 INDEX 03\n"]);
    expect(outcome.expectations.map((e) => e.dport)).toEqual([1]);
  });
  it("the ORIG direction is not rewritten", () => {
    expect(texts(run([orig("CONNECT DATA 0123\n")], NAT))).toEqual(["CONNECT DATA 0123\n"]);
  });
  it("IPv6: canonical addresses", () => {
    const outcome = run([reply("CONNECT DATA 0123\n")], {
      client: { addr: "fd00:0::2", port: 850 },
      server: { addr: "2001:DB8::5", port: 10080 },
      nat: { client: { addr: "2001:db8:ffff::1" } },
    });
    expect(outcome.expectations).toEqual([toServer(123, "fd00::2", "2001:db8::5")]);
    expect(texts(outcome)).toEqual(["CONNECT DATA 123\n"]);
  });
});

describe("the region end stays where it was before a shorter rewrite (NAT only)", () => {
  it("a token after the '\\n' comes into reach", () => {
    const text = "CONNECT DATA 00001 MESG 00002\nINDEX 7 padding";
    expect(portsOf(text)).toEqual([1, 2]);
    const outcome = run([reply(text)], NAT);
    expect(outcome.expectations.map((e) => e.dport)).toEqual([1, 2, 7]);
    expect(texts(outcome)).toEqual(["CONNECT DATA 1 MESG 2\nINDEX 7 padding"]);
  });
  it("a digit copy past the shortened datagram's end stops the rest", () => {
    const text = "CONNECT DATA 00001 MESG 5\n";
    expect(portsOf(text)).toEqual([1, 5]);
    const outcome = run([reply(text)], NAT);
    expect(outcome.expectations.map((e) => e.dport)).toEqual([1]);
    expect(texts(outcome)).toEqual(["CONNECT DATA 1 MESG 5\n"]);
  });
  it("with bytes after the line the same reply is fine", () => {
    expect(portsOf("CONNECT DATA 00001 MESG 5\nOPTIONS x;\n", NAT)).toEqual([1, 5]);
  });
});

describe("datagram seqs (never adjusted)", () => {
  it("absent seqs follow the previous datagram of the same direction", () => {
    const outcome = run([REQUEST, reply("CONNECT DATA 01\n"), reply("z"), orig("y", 2 ** 32)], NAT);
    expect(outcome.segments.map((s) => s.seq)).toEqual([0, 0, 16, 0]);
  });
});

describe("bad tool input ⇒ FlowError", () => {
  const cases: [string, Partial<Flow>][] = [
    ["unknown option", { config: { loose: true } }],
    ["bad masterTimeout", { config: { masterTimeout: "300" } }],
    ["bad ports", { config: { ports: [70000] } }],
    ["other helper", { helper: "tftp" }],
    ["tcp", { l4: "tcp" }],
    ["mixed families", { server: { addr: "2001:db8::1", port: 10080 } }],
    ["NAT of another family", { nat: { client: { addr: "2001:db8::1" } } }],
  ];
  for (const [name, extra] of cases) {
    it(name, () => {
      expect(() => run([REQUEST], extra)).toThrow(FlowError);
    });
  }
  it("accepts the documented options", () => {
    const extra = { config: { masterTimeout: 600, ports: [10080] } };
    expect(run([reply("CONNECT DATA 5\n")], extra).expectations).toEqual([toServer(5)]);
  });
});

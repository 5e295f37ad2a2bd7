import { describe, expect, it } from "vitest";
import { type Dir, type Flow, FlowError, type Outcome } from "../../core/model.ts";
import { ircSpec, ircSpecTrace } from "./index.ts";

// kernel-helpers.md §14 IRC notation.
const C = "192.168.1.2"; // 3232235778
const N = "198.51.100.1"; // 3325256705
const S = "203.0.113.5";
const NAT = { nat: { client: { addr: N } } };

interface Step {
  dir: Dir;
  data: Uint8Array;
  seq?: number;
}
const encode = (text: string) => Uint8Array.from(text, (char) => char.charCodeAt(0));
const orig = (text: string, seq?: number): Step => ({ dir: "orig", data: encode(text), seq });
const reply = (text: string, seq?: number): Step => ({ dir: "reply", data: encode(text), seq });

function flowOf(steps: Step[], extra: Partial<Flow> = {}): Flow {
  return {
    helper: "irc",
    l4: "tcp",
    client: { addr: C, port: 40000 },
    server: { addr: S, port: 6667 },
    segments: steps.map((step) => ({
      dir: step.dir,
      data: step.data,
      ...(step.seq === undefined ? {} : { seq: step.seq }),
    })),
    ...extra,
  };
}

const run = (steps: Step[], extra: Partial<Flow> = {}) => ircSpec(flowOf(steps, extra));
const verdicts = (outcome: Outcome) => outcome.segments.map((segment) => segment.verdict);
const texts = (outcome: Outcome) =>
  outcome.segments.map((segment) => String.fromCharCode(...segment.data));
const seqs = (outcome: Outcome) => outcome.segments.map((segment) => segment.seq);
const ports = (outcome: Outcome) => outcome.expectations.map((e) => e.dport);
const toClient = (dport: number, dst = C) => ({ l4: "tcp", src: null, sport: null, dst, dport });

const dcc = (ip: string | number, port: string | number, type = "SEND f.txt") =>
  `PRIVMSG bob :\x01DCC ${type} ${ip} ${port} 1234\x01\r\n`;
const I1 = dcc(3232235778, 5000);

describe("§14 conformance vectors I1–I8", () => {
  it("I1: DCC SEND naming the client ⇒ exp any→C:5000", () => {
    const outcome = run([orig(I1)]);
    expect(outcome.expectations).toEqual([toClient(5000)]);
    expect(verdicts(outcome)).toEqual(["accept"]);
    expect(texts(outcome)).toEqual([I1]);
  });
  it("I2: no '\\n' after the filename ⇒ accept, no exp", () => {
    for (const text of [I1.replace("\r\n", ""), I1.replace("\n", "")]) {
      const outcome = run([orig(text)]);
      expect(verdicts(outcome)).toEqual(["accept"]);
      expect(outcome.expectations).toEqual([]);
    }
    // ... and a '\n' before the filename does not count.
    expect(run([orig(`\n${I1.replace("\r\n", "")}`)]).expectations).toEqual([]);
  });
  it("I3: NOTICE ⇒ no exp", () => {
    expect(run([orig(I1.replace("PRIVMSG", "NOTICE"))]).expectations).toEqual([]);
  });
  it("I4: text before the DCC ⇒ no exp", () => {
    expect(run([orig(I1.replace(":\x01", ":hi \x01"))]).expectations).toEqual([]);
  });
  it("I5: privmsg lowercase ⇒ exp; dcc send lowercase ⇒ no exp", () => {
    expect(run([orig(I1.replace("PRIVMSG", "privmsg"))]).expectations).toEqual([toClient(5000)]);
    expect(run([orig(I1.replace("DCC SEND", "dcc send"))]).expectations).toEqual([]);
    expect(run([orig(I1.replace("DCC SEND", "DCC send"))]).expectations).toEqual([]);
  });
  it("I6: port 65536 forged; 70000 ⇒ port 4464", () => {
    expect(run([orig(dcc(3232235778, 65536))]).expectations).toEqual([]);
    expect(run([orig(dcc(3232235778, 70000))]).expectations).toEqual([toClient(4464)]);
  });
  it("I7: another address ⇒ forged, no exp", () => {
    const outcome = run([orig(dcc(3232235779, 5000))]);
    expect(verdicts(outcome)).toEqual(["accept"]);
    expect(outcome.expectations).toEqual([]);
  });
  it("I8: NAT rewrites the address to N, same length, exp any→N:5000", () => {
    const outcome = run([orig(I1), orig("PRIVMSG bob :hi\r\n")], NAT);
    expect(texts(outcome)[0]).toBe(dcc(3325256705, 5000));
    expect(outcome.expectations).toEqual([toClient(5000, N)]);
    expect(seqs(outcome)).toEqual([0, I1.length]);
  });
});

describe("the 2022 attack shapes", () => {
  it("a DCC inside a PING / PONG / NOTICE echo ⇒ nothing", () => {
    for (const text of [
      `PING :${I1.slice("PRIVMSG bob :".length)}`,
      `PONG irc.example :${I1.slice("PRIVMSG bob :".length)}`,
      `NOTICE bob :${I1.slice("PRIVMSG bob :".length)}`,
      `NICK alice\r\n${I1}`,
    ]) {
      expect(run([orig(text)]).expectations).toEqual([]);
    }
  });
  it("a DCC after other text or a second ' :' ⇒ nothing", () => {
    expect(run([orig(I1.replace("bob :", "bob :hello :"))]).expectations).toEqual([]);
    expect(run([orig(`PRIVMSG bob :hi\r\n${I1}`)]).expectations).toEqual([]);
  });
  it("lowercase dcc ⇒ nothing", () => {
    expect(run([orig(I1.replace("DCC", "dcc"))]).expectations).toEqual([]);
  });
  it("the old 'server address' forgery rule is gone", () => {
    expect(run([orig(dcc(3405803781, 5000))]).expectations).toEqual([]); // 203.0.113.5
  });
});

describe("what is looked at", () => {
  it("the reply direction is never examined", () => {
    const outcome = run([reply(I1)]);
    expect(outcome.expectations).toEqual([]);
    expect(texts(outcome)).toEqual([I1]);
  });
  it("every client segment is examined, the first one too, no newline tracking", () => {
    const outcome = run([orig("NICK al"), orig(dcc(3232235778, 5001))]);
    expect(ports(outcome)).toEqual([5001]);
  });
  it("one DCC per segment", () => {
    const two = `${dcc(3232235778, 5000)}${dcc(3232235778, 5001)}`;
    expect(ports(run([orig(two)]))).toEqual([5000]);
    // Even a forged or unparsable first DCC stops the search.
    const forgedFirst = `PRIVMSG bob :\x01DCC SEND f 1 5000\x01 :\x01DCC SEND f 3232235778 5001\x01\r\n`;
    expect(run([orig(forgedFirst)]).expectations).toEqual([]);
  });
  it("an unknown DCC type lets a later ' :\\x01DCC ' be found", () => {
    const text = `PRIVMSG bob :\x01DCC RESUME f 5000 0\x01 :\x01DCC SEND f 3232235778 5002\x01\r\n`;
    expect(ports(run([orig(text)]))).toEqual([5002]);
  });
  it("every DCC type of the table, CHAT with its 'chat' token", () => {
    for (const type of ["SEND f", "CHAT chat", "MOVE f", "TSEND f", "SCHAT chat"]) {
      expect(ports(run([orig(dcc(3232235778, 5000, type))]))).toEqual([5000]);
    }
  });
  it("no port ≥ 1024 rule; port 0 forged", () => {
    expect(ports(run([orig(dcc(3232235778, 21))]))).toEqual([21]);
    expect(run([orig(dcc(3232235778, 0))]).expectations).toEqual([]);
  });
  it("the address wraps mod 2^32; leading zeros are decimal", () => {
    expect(ports(run([orig(dcc(3232235778 + 2 ** 32, 5000))]))).toEqual([5000]);
    expect(ports(run([orig(dcc("0003232235778", 5000))]))).toEqual([5000]);
  });
  it("the NAT address is accepted as the DCC address, with or without NAT on", () => {
    expect(run([orig(dcc(3325256705, 5000))], NAT).expectations).toEqual([toClient(5000, N)]);
    expect(run([orig(dcc(3325256705, 5000))]).expectations).toEqual([]);
  });
});

describe("the 4095-byte search cap (§3.2)", () => {
  const pad = (length: number) => " ".repeat(length);
  it("a DCC inside the first 4095 bytes counts, bytes after it are kept", () => {
    const text = `PRIVMSG bob :${pad(0)}\x01DCC SEND f 3232235778 5000\x01\r\n${"z".repeat(5000)}`;
    const outcome = run([orig(text)], NAT);
    expect(ports(outcome)).toEqual([5000]);
    expect(texts(outcome)[0]).toBe(text.replace("3232235778", "3325256705"));
  });
  it("a '\\n' only after byte 4095 does not count", () => {
    const head = "PRIVMSG bob :\x01DCC SEND f 3232235778 5000 1234\x01";
    const cut = `${head}${"x".repeat(4095 - head.length)}`;
    expect(cut.length).toBe(4095);
    // '\n' at index 4095: the probe for the 2026-05 off-by-one fix. A kernel without it
    // reads this byte too (on a linear skb it is the payload's byte 4096) and expects.
    expect(run([orig(`${cut}\n`)]).expectations).toEqual([]);
    expect(run([orig(`${cut}x\n`)]).expectations).toEqual([]);
    expect(ports(run([orig(`${cut.slice(0, -1)}\n`)]))).toEqual([5000]);
  });
  it("the whole DCC up to its '\\n' must lie in the first 4095 bytes", () => {
    const dccText = "\x01DCC CHAT chat 3232235778 5000\x01\n";
    // The space of " :" at `space`; the '\n' then sits at space + 2 + 31.
    const at = (space: number) => `PRIVMSG bob${pad(space - 11)} :${dccText}${"z".repeat(200)}`;
    expect(at(4061).indexOf("\n")).toBe(4094);
    expect(ports(run([orig(at(4061))]))).toEqual([5000]);
    expect(run([orig(at(4062))]).expectations).toEqual([]);
  });
});

describe("max_dcc_channels and re-inserts (§1.3, §3.1)", () => {
  it("the oldest is evicted past maxDccChannels; every creation is listed", () => {
    const trace = ircSpecTrace(
      flowOf(
        [5000, 5001, 5002].map((port) => orig(dcc(3232235778, port))),
        {
          config: { maxDccChannels: 2 },
        },
      ),
    );
    expect(ports(trace.outcome)).toEqual([5000, 5001, 5002]);
    expect(trace.liveAfter.map((live) => live.map((e) => e.dport))).toEqual([
      [5000],
      [5000, 5001],
      [5001, 5002],
    ]);
  });
  it("the default keeps 8 live", () => {
    const steps = Array.from({ length: 9 }, (_, i) => orig(dcc(3232235778, 6000 + i)));
    const trace = ircSpecTrace(flowOf(steps));
    expect(trace.liveAfter[8].map((e) => e.dport)).toEqual([
      6001, 6002, 6003, 6004, 6005, 6006, 6007, 6008,
    ]);
  });
  it("an identical re-send replaces: listed twice, live once", () => {
    const trace = ircSpecTrace(flowOf([orig(I1), orig(I1)]));
    expect(ports(trace.outcome)).toEqual([5000, 5000]);
    expect(trace.liveAfter[1]).toEqual([toClient(5000)]);
  });
});

describe("NAT rewrite and sequence adjustment (§3.4, §1.5)", () => {
  const C10 = "10.0.0.2"; // 167772162, 9 digits; N has 10
  const client10 = { client: { addr: C10, port: 40000 }, ...NAT };
  it("a longer address shifts later client segments; reply segments never move", () => {
    const first = dcc(167772162, 5000);
    const outcome = run(
      [orig("NICK alice\r\n"), orig(first), reply("PING :x\r\n"), orig("PRIVMSG bob :ok\r\n")],
      client10,
    );
    expect(texts(outcome)[1]).toBe(dcc(3325256705, 5000));
    expect(seqs(outcome)).toEqual([0, 12, 0, 12 + first.length + 1]);
    expect(outcome.expectations).toEqual([toClient(5000, N)]);
  });
  it("the region is address..port digits: extra spaces and zeros shrink it, size kept", () => {
    const text = "PRIVMSG bob :\x01DCC SEND f 03232235778    05000 77\x01\r\n";
    const outcome = run([orig(text), orig("x")], NAT);
    expect(texts(outcome)[0]).toBe("PRIVMSG bob :\x01DCC SEND f 3325256705 5000 77\x01\r\n");
    expect(seqs(outcome)).toEqual([0, text.length - 5]);
  });
  it("the port is written as parsed (mod 2^16)", () => {
    expect(texts(run([orig(dcc(3232235778, 70000))], NAT))[0]).toBe(dcc(3325256705, 4464));
  });
  it("a forged DCC is not rewritten", () => {
    expect(texts(run([orig(dcc(3232235779, 5000))], NAT))).toEqual([dcc(3232235779, 5000)]);
  });
  it("two rewrites accumulate; a retransmission is not counted twice", () => {
    const first = dcc(167772162, 5000);
    const second = dcc(167772162, 5001);
    const end = first.length + second.length;
    const outcome = run([orig(first), orig(second), orig(first, 0), orig("x", end)], client10);
    // §13 item 14: one correction point per direction, so the retransmitted first segment
    // (before the newest point) gets offset_before = +1, and its rewrite is not recorded.
    expect(seqs(outcome)).toEqual([0, first.length + 1, 1, end + 2]);
    expect(ports(outcome)).toEqual([5000, 5001, 5000]);
    expect(texts(outcome)[2]).toBe(dcc(3325256705, 5000));
  });
  it("seq wraps mod 2^32 and an absent seq follows the input length", () => {
    const first = dcc(167772162, 5000);
    const outcome = run([orig(first, 2 ** 32 - 3), orig("x")], client10);
    expect(seqs(outcome)).toEqual([2 ** 32 - 3, first.length - 3 + 1]);
  });
  it("a rewrite that would pass 65535 IP bytes drops the segment and unexpects", () => {
    const body = dcc(167772162, 5000);
    const grow = (total: number) => `${body}${"y".repeat(total - body.length)}`;
    const fits = run([orig(grow(65535 - 40 - 1))], client10);
    expect(verdicts(fits)).toEqual(["accept"]);
    const trace = ircSpecTrace(flowOf([orig(grow(65535 - 40)), orig("x")], client10));
    expect(verdicts(trace.outcome)).toEqual(["drop", "accept"]);
    expect(texts(trace.outcome)[0]).toBe(grow(65535 - 40));
    expect(ports(trace.outcome)).toEqual([5000]);
    expect(trace.liveAfter[0]).toEqual([]);
    expect(seqs(trace.outcome)).toEqual([0, 65535 - 40]);
  });
});

describe("segments", () => {
  it("empty segments are accepted and adjusted", () => {
    const outcome = run([orig(""), orig(dcc(167772162, 5000)), orig("")], {
      client: { addr: "10.0.0.2", port: 1 },
      ...NAT,
    });
    expect(verdicts(outcome)).toEqual(["accept", "accept", "accept"]);
    expect(seqs(outcome)[2]).toBe(dcc(167772162, 5000).length + 1);
  });
  it("bad tool input ⇒ FlowError", () => {
    const v6 = {
      client: { addr: "2001:db8::2", port: 1 },
      server: { addr: "2001:db8::5", port: 6667 },
    };
    expect(() => run([orig(I1)], v6)).toThrow(FlowError);
    expect(() => run([orig(I1)], v6)).toThrow("irc is IPv4 only");
    expect(() => run([orig(I1)], { config: { maxDccChannels: 0 } })).toThrow(FlowError);
  });
});

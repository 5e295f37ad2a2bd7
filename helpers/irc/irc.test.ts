// Conformance vectors I1–I8 of kernel-helpers.md §14, the CVE-2022-2663 attack shapes and
// the module parameters, run through the core driver.

import { describe, expect, it } from "vitest";
import { runFlow, traceFlow } from "../core/driver.ts";
import type { Flow, Outcome, Segment } from "../core/model.ts";
import { ircHelper, MAX_SEARCH_SIZE } from "./index.ts";

const C = "192.168.1.2"; // 3232235778
const S = "203.0.113.5";
const N = "198.51.100.1"; // 3325256705
const bytes = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const text = (b: Uint8Array) => String.fromCharCode(...b);

const orig = (s: string, seq?: number): Segment => ({ dir: "orig", data: bytes(s), seq });
const reply = (s: string, seq?: number): Segment => ({ dir: "reply", data: bytes(s), seq });

function flow(segments: Segment[], over: Partial<Flow> = {}): Flow {
  return {
    helper: "irc",
    l4: "tcp",
    client: { addr: C, port: 40000 },
    server: { addr: S, port: 6667 },
    segments,
    ...over,
  };
}

const run = (f: Flow): Outcome => runFlow(ircHelper, f);
const verdicts = (o: Outcome) => o.segments.map((s) => s.verdict);
const toClient = (dport: number, dst = C) => ({ l4: "tcp", src: null, sport: null, dst, dport });

/** One client line after a NICK/USER login that the helper passes over. */
function client(line: string, over: Partial<Flow> = {}): Outcome {
  return run(flow([orig("NICK alice\r\nUSER alice 0 * :Alice\r\n"), orig(line)], over));
}

const I1 = "PRIVMSG bob :\x01DCC SEND f.txt 3232235778 5000 1234\x01\r\n";

describe("IRC conformance vectors (§14)", () => {
  it("I1: a DCC SEND naming the client opens a pinhole from anywhere to it", () => {
    const out = client(I1);
    expect(out.expectations).toEqual([toClient(5000)]);
    expect(verdicts(out)).toEqual(["accept", "accept"]);
    expect(text(out.segments[1].data)).toBe(I1);
  });
  it("I2: without a '\\n' after the file name nothing happens", () => {
    const out = client("PRIVMSG bob :\x01DCC SEND f.txt 3232235778 5000 1234\x01");
    expect(out.expectations).toEqual([]);
    expect(verdicts(out)).toEqual(["accept", "accept"]);
    expect(
      client("PRIVMSG bob :\x01DCC SEND f.txt 3232235778 5000 1234\x01\r").expectations,
    ).toEqual([]);
  });
  it("I3: a NOTICE is not a PRIVMSG", () => {
    expect(
      client("NOTICE bob :\x01DCC SEND f.txt 3232235778 5000 1234\x01\r\n").expectations,
    ).toEqual([]);
  });
  it("I4: text before the DCC hides it", () => {
    const out = client("PRIVMSG bob :hi \x01DCC SEND f.txt 3232235778 5000 1234\x01\r\n");
    expect(out.expectations).toEqual([]);
  });
  it("I5: PRIVMSG in any case, DCC and its type only in upper case", () => {
    expect(client(I1.replace("PRIVMSG", "privmsg")).expectations).toEqual([toClient(5000)]);
    expect(client(I1.replace("DCC SEND", "dcc send")).expectations).toEqual([]);
    expect(client(I1.replace("DCC SEND", "DCC send")).expectations).toEqual([]);
  });
  it("I6: the port is truncated to 16 bits: 65536 is port 0 (forged), 70000 is 4464", () => {
    expect(client(I1.replace("5000", "65536")).expectations).toEqual([]);
    expect(client(I1.replace("5000", "70000")).expectations).toEqual([toClient(4464)]);
    expect(client(I1.replace("5000", "65535")).expectations).toEqual([toClient(65535)]);
  });
  it("I7: another address is forged", () => {
    expect(client(I1.replace("3232235778", "3232235779")).expectations).toEqual([]);
  });
  it("I8: behind NAT the address and port are rewritten to what the server sees", () => {
    const out = client(I1, { nat: { client: { addr: N } } });
    expect(out.expectations).toEqual([toClient(5000, N)]);
    expect(text(out.segments[1].data)).toBe(
      "PRIVMSG bob :\x01DCC SEND f.txt 3325256705 5000 1234\x01\r\n",
    );
  });
});

describe("the forgery check", () => {
  it("accepts the NAT address as well as the real one", () => {
    const out = client(I1.replace("3232235778", "3325256705"), { nat: { client: { addr: N } } });
    expect(out.expectations).toEqual([toClient(5000, N)]);
  });
  it("refuses the server's address (the pre-2022 check accepted it)", () => {
    expect(client(I1.replace("3232235778", "3405803781")).expectations).toEqual([]);
  });
  it("refuses port 0 and has no port >= 1024 rule", () => {
    expect(client(I1.replace("5000", "0")).expectations).toEqual([]);
    expect(client(I1.replace("5000", "22")).expectations).toEqual([toClient(22)]);
  });
  it("reads the address mod 2^32", () => {
    // 2^32 + 3232235778
    expect(client(I1.replace("3232235778", "7527203074")).expectations).toEqual([toClient(5000)]);
    expect(client(I1.replace("3232235778", "4294967296")).expectations).toEqual([]);
  });
});

describe("CVE-2022-2663 attack shapes", () => {
  const DCC = "\x01DCC SEND x 3232235778 5000 1\x01";
  it("a DCC echoed in a PONG or NOTICE opens nothing", () => {
    const out = run(
      flow([
        reply(`PING :${DCC}\r\n`),
        orig(`PONG :${DCC}\r\n`),
        orig(`NOTICE bob :\x01PING ${DCC}\x01\r\n`),
      ]),
    );
    expect(out.expectations).toEqual([]);
  });
  it("a DCC inside a CTCP PING reply of a PRIVMSG opens nothing", () => {
    expect(client(`PRIVMSG bob :\x01PING :${DCC}\r\n`).expectations).toEqual([]);
  });
  it("a DCC on a later line of the segment than a non-PRIVMSG opens nothing", () => {
    expect(client(`PONG :irc.example.net\r\nPRIVMSG bob :${DCC}\r\n`).expectations).toEqual([]);
  });
  it("nothing from the server opens a port, not even a PRIVMSG with a DCC", () => {
    const out = run(
      flow([reply(`:bob!b@h PRIVMSG alice :${DCC}\r\n`), reply(`PRIVMSG a :${DCC}\r\n`)]),
    );
    expect(out.expectations).toEqual([]);
  });
  it("a DCC type the kernel does not know opens nothing", () => {
    for (const type of [
      "RESUME f.txt 5000 1024",
      "ACCEPT f.txt 5000 1024",
      "XMIT f 3232235778 5000",
    ]) {
      expect(client(`PRIVMSG bob :\x01DCC ${type}\x01\r\n`).expectations).toEqual([]);
    }
  });
});

describe("what the kernel looks at", () => {
  it("examines the very first client segment (no sequence tracking)", () => {
    expect(run(flow([orig(I1)])).expectations).toEqual([toClient(5000)]);
  });
  it("examines each segment on its own: a DCC split before its '\\n' is missed", () => {
    const cut = I1.indexOf("\r\n");
    const out = run(flow([orig(I1.slice(0, cut)), orig(I1.slice(cut))]));
    expect(out.expectations).toEqual([]);
    // Retransmitted whole, the same bytes are examined again and match.
    expect(run(flow([orig(I1.slice(0, cut)), orig(I1, 0)])).expectations).toEqual([toClient(5000)]);
  });
  it("acts on one DCC per segment", () => {
    const second = I1.replace("5000", "5001");
    expect(client(I1 + second).expectations).toEqual([toClient(5000)]);
  });
  it("skips leading blanks before PRIVMSG", () => {
    expect(client(`\r\n  ${I1}`).expectations).toEqual([toClient(5000)]);
  });
  it("takes a quoted file name's first word as the whole name", () => {
    const quoted = 'PRIVMSG bob :\x01DCC SEND "my file.txt" 3232235778 5000 1234\x01\r\n';
    expect(client(quoted).expectations).toEqual([]);
  });
  it("scans only the first 4095 bytes", () => {
    const padding = "x".repeat(MAX_SEARCH_SIZE);
    const fits = `PRIVMSG bob :\x01DCC SEND f 3232235778 5000 1 ${"y".repeat(MAX_SEARCH_SIZE - 60)}\n`;
    expect(fits.length).toBeLessThan(MAX_SEARCH_SIZE);
    expect(client(fits).expectations).toEqual([toClient(5000)]);
    const newlineTooLate = `PRIVMSG bob :\x01DCC SEND f 3232235778 5000 1 ${padding}\n`;
    expect(client(newlineTooLate).expectations).toEqual([]);
    // The newline as the 4095th byte still counts; as the 4096th it does not.
    const head = "PRIVMSG bob :\x01DCC SEND f 3232235778 5000 1 ";
    const at = (n: number) => `${head}${"z".repeat(n - head.length - 1)}\n${padding}`;
    expect(client(at(MAX_SEARCH_SIZE)).expectations).toEqual([toClient(5000)]);
    expect(client(at(MAX_SEARCH_SIZE + 1)).expectations).toEqual([]);
  });
  it("forwards a long segment whole, rewriting only inside the first 4095 bytes", () => {
    const long = `${I1}${"w".repeat(5000)}\r\n`;
    const out = client(long, { nat: { client: { addr: N } } });
    expect(out.segments[1].data.length).toBe(long.length);
    expect(text(out.segments[1].data)).toContain("3325256705 5000");
  });
});

describe("NAT", () => {
  it("shifts the client's later seqs when the address changes length", () => {
    const out = run(
      flow(
        [
          orig("NICK alice\r\n", 0),
          orig("PRIVMSG bob :\x01DCC CHAT chat 167772162 5000\x01\r\n", 12),
          orig("PRIVMSG bob :ok\r\n", 56),
        ],
        { client: { addr: "10.0.0.2", port: 40000 }, nat: { client: { addr: N } } },
      ),
    );
    expect(text(out.segments[1].data)).toBe(
      "PRIVMSG bob :\x01DCC CHAT chat 3325256705 5000\x01\r\n",
    );
    expect(out.segments.map((s) => s.seq)).toEqual([0, 12, 57]);
    expect(out.expectations).toEqual([toClient(5000, N)]);
  });
  it("normalises the spacing and the wrapped spelling it rewrites", () => {
    const out = client(I1.replace("3232235778 5000", "7527203074   70000"), {
      nat: { client: { addr: N } },
    });
    expect(text(out.segments[1].data)).toBe(
      "PRIVMSG bob :\x01DCC SEND f.txt 3325256705 4464 1234\x01\r\n",
    );
  });
});

describe("max_dcc_channels", () => {
  const dccs = (ports: number[]) => ports.map((p) => orig(I1.replace("5000", String(p))));
  it("keeps at most 8 live by default, evicting the oldest", () => {
    const ports = [5000, 5001, 5002, 5003, 5004, 5005, 5006, 5007, 5008];
    const trace = traceFlow(ircHelper, flow(dccs(ports)));
    expect(trace.outcome.expectations.map((e) => e.dport)).toEqual(ports);
    expect(trace.liveAfter.at(-1)!.map((e) => e.dport)).toEqual(ports.slice(1));
  });
  it("follows maxDccChannels from the config", () => {
    const f = flow(dccs([5000, 5001, 5002]), { config: { maxDccChannels: 2 } });
    const trace = traceFlow(ircHelper, f);
    expect(trace.liveAfter.map((live) => live.map((e) => e.dport))).toEqual([
      [5000],
      [5000, 5001],
      [5001, 5002],
    ]);
  });
  it("refreshes a repeated DCC instead of adding one", () => {
    const trace = traceFlow(ircHelper, flow(dccs([5000, 5000])));
    expect(trace.outcome.expectations).toHaveLength(2);
    expect(trace.liveAfter.at(-1)).toEqual([toClient(5000)]);
  });
  it("exposes the per-config policy", () => {
    expect(
      ircHelper.policyFor?.(ircHelper.parseConfig({ maxDccChannels: 3, dccTimeout: 60 })),
    ).toEqual({ maxExpected: 3, timeoutSeconds: 60 });
    expect(ircHelper.policy).toEqual({ maxExpected: 8, timeoutSeconds: 300 });
  });
});

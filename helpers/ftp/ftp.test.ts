// Conformance vectors F1–F20 of kernel-helpers.md §14 and the rows measured on the real
// kernel (kernel-oracle REPORT.md §4), run through the driver.

import { describe, expect, it } from "vitest";
import { runFlow, traceFlow } from "../core/driver.ts";
import type { Flow, Outcome, Segment } from "../core/model.ts";
import { ftpHelper } from "./index.ts";

const C = "10.0.0.2";
const S = "203.0.113.5";
const N = "198.51.100.1";
const text = (s: string) => new TextEncoder().encode(s);
const decode = (b: Uint8Array) => new TextDecoder().decode(b);

const orig = (s: string, seq?: number): Segment => ({ dir: "orig", data: text(s), seq });
const reply = (s: string, seq?: number): Segment => ({ dir: "reply", data: text(s), seq });

function flow(segments: Segment[], over: Partial<Flow> = {}): Flow {
  return {
    helper: "ftp",
    l4: "tcp",
    client: { addr: C, port: 40000 },
    server: { addr: S, port: 21 },
    segments,
    ...over,
  };
}

const verdicts = (o: Outcome) => o.segments.map((s) => s.verdict);
const dports = (o: Outcome) => o.expectations.map((e) => e.dport);
const exp = (src: string, dst: string, dport: number) => ({
  l4: "tcp",
  src,
  sport: null,
  dst,
  dport,
});

/** The client's PORT-family line after a tracked "USER a\r\n". */
function active(line: string, over: Partial<Flow> = {}): Outcome {
  return runFlow(ftpHelper, flow([orig("USER a\r\n"), orig(line)], over));
}

/** The server's reply line after a tracked "220 hi\r\n" banner. */
function passive(line: string, over: Partial<Flow> = {}): Outcome {
  return runFlow(ftpHelper, flow([reply("220 hi\r\n"), reply(line)], over));
}

describe("FTP conformance vectors (§14)", () => {
  it("F1: the first client payload is never parsed, but its end becomes tracked", () => {
    const out = runFlow(
      ftpHelper,
      flow([orig("PORT 10,0,0,2,4,1\r\n"), orig("PORT 10,0,0,2,4,2\r\n")]),
    );
    expect(verdicts(out)).toEqual(["accept", "accept"]);
    expect(dports(out)).toEqual([1026]);
  });
  it("F2: PORT at a tracked position", () => {
    const out = active("PORT 10,0,0,2,4,1\r\n");
    expect(out.expectations).toEqual([exp(S, C, 1025)]);
    expect(verdicts(out)).toEqual(["accept", "accept"]);
  });
  it("F3: lower-case port", () => {
    expect(active("port 10,0,0,2,4,1\r\n").expectations).toEqual([exp(S, C, 1025)]);
  });
  it("F4: PORT ended by \\n alone drops", () => {
    const out = active("PORT 10,0,0,2,4,1\n");
    expect(verdicts(out)).toEqual(["accept", "drop"]);
    expect(out.expectations).toEqual([]);
  });
  it("F5: a foreign address is ignored unless loose", () => {
    const strict = active("PORT 10,0,0,3,4,1\r\n");
    expect(verdicts(strict)).toEqual(["accept", "accept"]);
    expect(strict.expectations).toEqual([]);
    const loose = active("PORT 10,0,0,3,4,1\r\n", { config: { loose: true } });
    expect(loose.expectations).toEqual([exp(S, "10.0.0.3", 1025)]);
  });
  it("F6: seven numbers drop", () => {
    expect(verdicts(active("PORT 10,0,0,2,4,1,7\r\n"))).toEqual(["accept", "drop"]);
  });
  it("F7: port bytes wrap in the stable kernel; the 2026 fix drops", () => {
    expect(active("PORT 10,0,0,2,256,22\r\n").expectations).toEqual([exp(S, C, 22)]);
    const fixed = active("PORT 10,0,0,2,256,22\r\n", { config: { avoidU16Overflows: true } });
    expect(verdicts(fixed)).toEqual(["accept", "drop"]);
    expect(fixed.expectations).toEqual([]);
  });
  it.each(["PORT\r\n", "P", "EP", "PORT", "port 1,2"])("F8: %j drops", (line) => {
    expect(verdicts(active(line))).toEqual(["accept", "drop"]);
  });
  it.each([" PORT 10,0,0,2,4,1\r\n", "NOOP\r\nPORT 10,0,0,2,4,1\r\n"])(
    "F9: %j is not seen",
    (line) => {
      const out = active(line);
      expect(verdicts(out)).toEqual(["accept", "accept"]);
      expect(out.expectations).toEqual([]);
    },
  );
  it("F10: PORTX is treated as PORT", () => {
    expect(active("PORTX 10,0,0,2,4,1\r\n").expectations).toEqual([exp(S, C, 1025)]);
  });
  it("F11: EPRT with another delimiter", () => {
    expect(active("EPRT !1!10.0.0.2!1025!\r\n").expectations).toEqual([exp(S, C, 1025)]);
  });
  it("F12: EPRT for IPv6 on an IPv4 session drops", () => {
    expect(verdicts(active("EPRT |2|::1|1025|\r\n"))).toEqual(["accept", "drop"]);
  });
  it("F13: EPRT port 65537 wraps to 1; the 2026 fix drops", () => {
    expect(active("EPRT |1|10.0.0.2|65537|\r\n").expectations).toEqual([exp(S, C, 1)]);
    const fixed = active("EPRT |1|10.0.0.2|65537|\r\n", { config: { avoidU16Overflows: true } });
    expect(verdicts(fixed)).toEqual(["accept", "drop"]);
  });
  it("F14: 227 with parentheses", () => {
    const out = passive("227 Entering Passive Mode (203,0,113,5,19,137).\r\n");
    expect(out.expectations).toEqual([exp(C, S, 5001)]);
  });
  it("F15: 227 without parentheses", () => {
    expect(passive("227 Entering Passive Mode 203,0,113,5,19,137\r\n").expectations).toEqual([
      exp(C, S, 5001),
    ]);
  });
  it.each(["227 OK\r\n", "227 Mode 2 (203,0,113,5,19,137)\r\n"])("F16: %j drops", (line) => {
    const out = passive(line);
    expect(verdicts(out)).toEqual(["accept", "drop"]);
    expect(out.expectations).toEqual([]);
  });
  it("F17: 229", () => {
    expect(passive("229 Entering Extended Passive Mode (|||5001|)\r\n").expectations).toEqual([
      exp(C, S, 5001),
    ]);
  });
  it.each(["229 Entering Extended Passive Mode (|||0|)\r\n", "229 Entering EPSV\r\n"])(
    "F18: %j drops",
    (line) => {
      expect(verdicts(passive(line))).toEqual(["accept", "drop"]);
    },
  );
  it("F19: NAT rewrites PORT, keeps the port and shifts later seqs by +4", () => {
    const out = runFlow(
      ftpHelper,
      flow([orig("USER a\r\n"), orig("PORT 10,0,0,2,4,1\r\n"), orig("TYPE I\r\n")], {
        nat: { client: { addr: N } },
      }),
    );
    expect(decode(out.segments[1].data)).toBe("PORT 198,51,100,1,4,1\r\n");
    expect(out.segments.map((s) => s.seq)).toEqual([0, 8, 31]);
    expect(out.expectations).toEqual([exp(S, N, 1025)]);
  });
  it("F20: NAT rewrites EPRT with '|' delimiters", () => {
    const out = active("EPRT !1!10.0.0.2!1025!\r\n", { nat: { client: { addr: N } } });
    expect(decode(out.segments[1].data)).toBe("EPRT |1|198.51.100.1|1025|\r\n");
    expect(out.expectations).toEqual([exp(S, N, 1025)]);
  });
});

describe("measured on Linux 6.18 (kernel-oracle REPORT §4)", () => {
  const K = {
    client: { addr: "198.18.1.2", port: 40000 },
    server: { addr: "198.19.1.2", port: 21 },
  };
  const run = (segments: Segment[]) => runFlow(ftpHelper, flow(segments, K));

  it("USER then PORT: fwd, fwd, expectation", () => {
    const out = run([orig("USER a\r\n"), orig("PORT 198,18,1,2,39,16\r\n")]);
    expect(verdicts(out)).toEqual(["accept", "accept"]);
    expect(dports(out)).toEqual([10000]);
  });
  it("PORT after a line in the same first segment: nothing", () => {
    expect(dports(run([orig("USER a\r\nPORT 198,18,1,2,39,18\r\n")]))).toEqual([]);
  });
  it("two PORT lines in one segment: only the first", () => {
    const out = run([
      orig("USER a\r\n"),
      orig("PORT 198,18,1,2,39,19\r\nPORT 198,18,1,2,39,20\r\n"),
    ]);
    expect(dports(out)).toEqual([10003]);
  });
  it("PORT split: the head drops, the tail passes, nothing expected", () => {
    const out = run([orig("USER a\r\n"), orig("PORT 198,18,"), orig("1,2,39,21\r\n")]);
    expect(verdicts(out)).toEqual(["accept", "drop", "accept"]);
    expect(dports(out)).toEqual([]);
  });
  it("... then the whole line retransmitted at the head's seq", () => {
    const out = run([
      orig("USER a\r\n"),
      orig("PORT 198,18,"),
      orig("1,2,39,22\r\n"),
      orig("PORT 198,18,1,2,39,22\r\n", 8),
    ]);
    expect(verdicts(out)).toEqual(["accept", "drop", "accept", "accept"]);
    expect(dports(out)).toEqual([10006]);
  });
  it("'PO' then 'RT …': drop, fwd, nothing", () => {
    const out = run([orig("USER a\r\n"), orig("PO"), orig("RT 198,18,1,2,39,23\r\n")]);
    expect(verdicts(out)).toEqual(["accept", "drop", "accept"]);
    expect(dports(out)).toEqual([]);
  });
  it("'PORT …\\r' then '\\n': the number ends at '\\r'", () => {
    const out = run([orig("USER a\r\n"), orig("PORT 198,18,1,2,39,24\r"), orig("\n")]);
    expect(verdicts(out)).toEqual(["accept", "accept", "accept"]);
    expect(dports(out)).toEqual([10008]);
  });
  it("a line without newline hides the next PORT", () => {
    expect(dports(run([orig("NOOP"), orig("PORT 198,18,1,2,39,25\r\n")]))).toEqual([]);
  });
  it("a newline alone as its own segment makes the next one tracked", () => {
    const out = run([orig("NOOP"), orig("\r\n"), orig("PORT 198,18,1,2,39,26\r\n")]);
    expect(dports(out)).toEqual([10010]);
  });
  it("out of order: PORT before USER, then PORT retransmitted", () => {
    const early = [orig("PORT 198,18,1,2,39,28\r\n", 8), orig("USER a\r\n", 0)];
    expect(dports(run(early))).toEqual([]);
    const out = run([...early, orig("PORT 198,18,1,2,39,28\r\n", 8)]);
    expect(verdicts(out)).toEqual(["accept", "accept", "accept"]);
    expect(dports(out)).toEqual([10012]);
  });
  it("a retransmitted PORT replaces its own expectation: created twice, one live", () => {
    const trace = traceFlow(
      ftpHelper,
      flow(
        [
          orig("USER a\r\n"),
          orig("PORT 198,18,1,2,39,29\r\n"),
          orig("PORT 198,18,1,2,39,29\r\n", 8),
        ],
        K,
      ),
    );
    expect(dports(trace.outcome)).toEqual([10013, 10013]);
    expect(trace.liveAfter[2]).toHaveLength(1);
  });
  it("different bytes at an old after-newline seq are parsed: the position counts", () => {
    const out = run([orig("USER a\r\n"), orig("PASS b\r\n"), orig("PORT 198,18,1,2,39,30\r\n", 8)]);
    expect(dports(out)).toEqual([10014]);
  });
  it("one byte past the newline: nothing", () => {
    expect(dports(run([orig("USER a\r\n"), orig("XPORT 198,18,1,2,39,31\r\n")]))).toEqual([]);
  });
  it("a 227 split in two: fwd, drop, fwd", () => {
    const out = run([
      reply("220 hi\r\n"),
      reply("227 Entering Passive Mode (198,19,"),
      reply("1,2,39,40)\r\n"),
    ]);
    expect(verdicts(out)).toEqual(["accept", "drop", "accept"]);
    expect(dports(out)).toEqual([]);
  });
  it("229 after the banner", () => {
    const out = run([
      reply("220 hi\r\n"),
      reply("229 Entering Extended Passive Mode (|||10050|)\r\n"),
    ]);
    expect(out.expectations).toEqual([exp("198.18.1.2", "198.19.1.2", 10050)]);
  });
  it("three PORTs: max_expected 1 evicts, every creation recorded", () => {
    const trace = traceFlow(
      ftpHelper,
      flow(
        [
          orig("USER a\r\n"),
          orig("PORT 198,18,1,2,39,16\r\n"),
          orig("PORT 198,18,1,2,39,17\r\n"),
          orig("PORT 198,18,1,2,39,18\r\n"),
        ],
        K,
      ),
    );
    expect(dports(trace.outcome)).toEqual([10000, 10001, 10002]);
    expect(trace.liveAfter[3].map((e) => e.dport)).toEqual([10002]);
  });
  it("NAT SNAT .100: PORT grows by 2, later segments shift", () => {
    const out = runFlow(
      ftpHelper,
      flow([orig("USER a\r\n"), orig("PORT 198,18,1,2,39,16\r\n"), orig("TYPE I\r\n")], {
        ...K,
        nat: { client: { addr: "198.19.1.100" } },
      }),
    );
    expect(decode(out.segments[1].data)).toBe("PORT 198,19,1,100,39,16\r\n");
    expect(out.segments[1].data.length).toBe(25);
    expect(out.segments[2].seq).toBe(33);
    expect(out.expectations).toEqual([exp("198.19.1.2", "198.19.1.100", 10000)]);
  });
  it("NAT EPRT: rewritten with the NAT address", () => {
    const out = runFlow(
      ftpHelper,
      flow([orig("USER a\r\n"), orig("EPRT |1|198.18.1.2|10001|\r\n")], {
        ...K,
        nat: { client: { addr: "198.19.1.100" } },
      }),
    );
    expect(decode(out.segments[1].data)).toBe("EPRT |1|198.19.1.100|10001|\r\n");
  });
});

describe("IPv6 control connections", () => {
  const C6 = "2001:db8:c::2";
  const S6 = "2001:db8:5::2";
  const v6 = { client: { addr: C6, port: 40000 }, server: { addr: S6, port: 21 } };

  it("EPRT |2| and 229 create expectations", () => {
    expect(active(`EPRT |2|${C6}|10001|\r\n`, v6).expectations).toEqual([exp(S6, C6, 10001)]);
    expect(passive("229 (|||10003|)\r\n", v6).expectations).toEqual([exp(C6, S6, 10003)]);
  });
  it("a foreign EPRT address gives none", () => {
    const out = active("EPRT |2|2001:db8:c::3|10001|\r\n", v6);
    expect(verdicts(out)).toEqual(["accept", "accept"]);
    expect(out.expectations).toEqual([]);
  });
  it("PORT overwrites only the first 32 bits, so it mismatches unless loose", () => {
    expect(active("PORT 10,0,0,2,4,1\r\n", v6).expectations).toEqual([]);
    const loose = active("PORT 10,0,0,2,4,1\r\n", { ...v6, config: { loose: true } });
    expect(loose.expectations).toEqual([exp(S6, "a00:2:c::2", 1025)]);
  });
  it("PORT naming the first 32 bits of the client's address matches", () => {
    expect(active("PORT 32,1,13,184,4,1\r\n", v6).expectations).toEqual([exp(S6, C6, 1025)]);
  });
  it("EPRT |1| on IPv6 drops", () => {
    expect(verdicts(active("EPRT |1|10.0.0.2|1025|\r\n", v6))).toEqual(["accept", "drop"]);
  });
  it("NAT writes the full uncompressed IPv6 in EPRT and 229 as |||port|", () => {
    const nat = { ...v6, nat: { client: { addr: "2001:db8:5::100" } } };
    const out = active(`EPRT |2|${C6}|10001|\r\n`, nat);
    expect(decode(out.segments[1].data)).toBe(
      "EPRT |2|2001:0db8:0005:0000:0000:0000:0000:0100|10001|\r\n",
    );
    expect(out.expectations).toEqual([exp(S6, "2001:db8:5::100", 10001)]);
    const epsv = passive("229 (!!!10003!)\r\n", nat);
    expect(decode(epsv.segments[1].data)).toBe("229 (|||10003|)\r\n");
    expect(epsv.expectations).toEqual([exp(C6, S6, 10003)]);
  });
});

describe("NAT details", () => {
  const nat = { nat: { client: { addr: N } } };
  it("rewrites a 227 from the server with the server's address (tuple[orig].dst)", () => {
    const out = passive("227 Entering Passive Mode (203,0,113,5,19,137).\r\n", nat);
    expect(decode(out.segments[1].data)).toBe(
      "227 Entering Passive Mode (203,0,113,5,19,137).\r\n",
    );
    expect(out.expectations).toEqual([exp(C, S, 5001)]);
  });
  it("the same PORT twice under NAT replaces its own expectation on the same port", () => {
    const twice = runFlow(
      ftpHelper,
      flow([orig("USER a\r\n"), orig("PORT 10,0,0,2,4,1\r\n"), orig("PORT 10,0,0,2,4,1\r\n")], nat),
    );
    expect(dports(twice)).toEqual([1025, 1025]);
  });
  it("PORT naming port 0 under NAT inserts it, then drops (§13.15)", () => {
    const trace = traceFlow(
      ftpHelper,
      flow([orig("USER a\r\n"), orig("PORT 10,0,0,2,0,0\r\n")], nat),
    );
    expect(verdicts(trace.outcome)).toEqual(["accept", "drop"]);
    expect(dports(trace.outcome)).toEqual([0]);
    expect(trace.liveAfter[1]).toHaveLength(1);
  });
  it("without NAT PORT port 0 is a normal expectation", () => {
    expect(dports(active("PORT 10,0,0,2,0,0\r\n"))).toEqual([0]);
  });
  it("a NAT drop still remembers the newline, unlike a partial match", () => {
    const out = runFlow(
      ftpHelper,
      flow([orig("USER a\r\n"), orig("PORT 10,0,0,2,0,0\r\n"), orig("PORT 10,0,0,2,4,1\r\n")], nat),
    );
    expect(verdicts(out)).toEqual(["accept", "drop", "accept"]);
    expect(dports(out)).toEqual([0, 1025]);
  });
  it("loose mismatch under NAT: the expectation targets the named address, the text the NAT one", () => {
    const out = active("PORT 10,0,0,3,4,1\r\n", { ...nat, config: { loose: true } });
    expect(out.expectations).toEqual([exp(S, "10.0.0.3", 1025)]);
    expect(decode(out.segments[1].data)).toBe("PORT 198,51,100,1,4,1\r\n");
  });
  it("a retransmitted rewritten PORT keeps its seq and is not counted twice", () => {
    const out = runFlow(
      ftpHelper,
      flow(
        [
          orig("USER a\r\n"),
          orig("PORT 10,0,0,2,4,1\r\n"),
          orig("PORT 10,0,0,2,4,1\r\n", 8),
          orig("TYPE I\r\n", 27),
        ],
        nat,
      ),
    );
    expect(out.segments.map((s) => s.seq)).toEqual([0, 8, 8, 31]);
  });
});

describe("sequence tracking", () => {
  it("an empty segment changes nothing", () => {
    const out = runFlow(
      ftpHelper,
      flow([orig("USER a\r\n"), orig(""), orig("PORT 10,0,0,2,4,1\r\n", 8)]),
    );
    expect(verdicts(out)).toEqual(["accept", "accept", "accept"]);
    expect(dports(out)).toEqual([1025]);
  });
  it("a partial match does not remember its newline", () => {
    const out = runFlow(
      ftpHelper,
      flow([orig("USER a\r\n"), orig("PORT x\r\n"), orig("PORT 10,0,0,2,4,1\r\n")]),
    );
    expect(verdicts(out)).toEqual(["accept", "drop", "accept"]);
    expect(dports(out)).toEqual([]);
  });
  it("tracks positions across the 2^32 wrap", () => {
    const out = runFlow(
      ftpHelper,
      flow([orig("USER a\r\n", 0xffff_fffc), orig("PORT 10,0,0,2,4,1\r\n")]),
    );
    expect(out.segments[1].seq).toBe(4);
    expect(dports(out)).toEqual([1025]);
  });
  it("never throws on arbitrary bytes", () => {
    for (let n = 0; n < 300; n++) {
      const segs: Segment[] = [orig("USER a\r\n"), reply("220 hi\r\n")];
      for (let k = 0; k < 4; k++) {
        const head = ["PORT ", "EPRT ", "227 ", "229 (", "eprt |2|", ""][(Math.random() * 6) | 0];
        const tail = Uint8Array.from({ length: (Math.random() * 30) | 0 }, () =>
          "0123456789,.|:()\r\n !a\u0000"[(Math.random() * 22) | 0].charCodeAt(0),
        );
        const data = new Uint8Array([...text(head), ...tail, 0x0a]);
        segs.push({ dir: Math.random() < 0.5 ? "orig" : "reply", data });
      }
      const out = runFlow(
        ftpHelper,
        flow(segs, Math.random() < 0.5 ? { nat: { client: { addr: N } } } : {}),
      );
      expect(out.segments).toHaveLength(segs.length);
    }
  });
});

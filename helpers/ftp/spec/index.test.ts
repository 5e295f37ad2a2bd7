import { describe, expect, it } from "vitest";
import { type Dir, type Flow, FlowError, type Outcome } from "../../core/model.ts";
import { ftpSpec, ftpSpecTrace } from "./index.ts";

// kernel-helpers.md §14 notation.
const C = "10.0.0.2";
const S = "203.0.113.5";
const N = "198.51.100.1";

interface Step {
  dir: Dir;
  text: string;
  seq?: number;
}
const orig = (text: string, seq?: number): Step => ({ dir: "orig", text, seq });
const reply = (text: string, seq?: number): Step => ({ dir: "reply", text, seq });
const USER = orig("USER a\r\n");
const BANNER = reply("220 hi\r\n");

function flowOf(steps: Step[], extra: Partial<Flow> = {}): Flow {
  return {
    helper: "ftp",
    l4: "tcp",
    client: { addr: C, port: 40000 },
    server: { addr: S, port: 21 },
    segments: steps.map((step) => ({
      dir: step.dir,
      data: new TextEncoder().encode(step.text),
      ...(step.seq === undefined ? {} : { seq: step.seq }),
    })),
    ...extra,
  };
}

const run = (steps: Step[], extra: Partial<Flow> = {}) => ftpSpec(flowOf(steps, extra));
const verdicts = (outcome: Outcome) => outcome.segments.map((segment) => segment.verdict);
const texts = (outcome: Outcome) =>
  outcome.segments.map((segment) => new TextDecoder().decode(segment.data));
const ports = (outcome: Outcome) => outcome.expectations.map((e) => e.dport);
const toClient = (dport: number, dst = C) => ({ l4: "tcp", src: S, sport: null, dst, dport });
const toServer = (dport: number, dst = S) => ({ l4: "tcp", src: C, sport: null, dst, dport });

describe("§14 conformance vectors F1–F20", () => {
  it("F1: a PORT in the first client segment is not parsed; its end becomes tracked", () => {
    const outcome = run([orig("PORT 10,0,0,2,4,1\r\n"), orig("PORT 10,0,0,2,4,2\r\n")]);
    expect(verdicts(outcome)).toEqual(["accept", "accept"]);
    expect(ports(outcome)).toEqual([1026]);
  });
  it("F2: PORT at a tracked position ⇒ exp S→C:1025", () => {
    const outcome = run([USER, orig("PORT 10,0,0,2,4,1\r\n")]);
    expect(outcome.expectations).toEqual([toClient(1025)]);
    expect(verdicts(outcome)).toEqual(["accept", "accept"]);
    expect(outcome.segments[1].seq).toBe(8);
  });
  it("F3: lowercase port", () => {
    expect(run([USER, orig("port 10,0,0,2,4,1\r\n")]).expectations).toEqual([toClient(1025)]);
  });
  it("F4: no '\\r' ⇒ drop", () => {
    const outcome = run([USER, orig("PORT 10,0,0,2,4,1\n")]);
    expect(verdicts(outcome)).toEqual(["accept", "drop"]);
    expect(outcome.expectations).toEqual([]);
  });
  it("F5: another address ⇒ no exp; loose ⇒ exp to that address", () => {
    const steps = [USER, orig("PORT 10,0,0,3,4,1\r\n")];
    const strict = run(steps);
    expect(verdicts(strict)).toEqual(["accept", "accept"]);
    expect(strict.expectations).toEqual([]);
    expect(run(steps, { config: { loose: true } }).expectations).toEqual([
      toClient(1025, "10.0.0.3"),
    ]);
  });
  it("F6: seven numbers ⇒ drop", () => {
    expect(verdicts(run([USER, orig("PORT 10,0,0,2,4,1,7\r\n")]))).toEqual(["accept", "drop"]);
  });
  it("F7: 256,22 ⇒ port 22 (stable) / drop (avoidU16Overflows)", () => {
    const steps = [USER, orig("PORT 10,0,0,2,256,22\r\n")];
    expect(run(steps).expectations).toEqual([toClient(22)]);
    const fixed = run(steps, { config: { avoidU16Overflows: true } });
    expect(verdicts(fixed)).toEqual(["accept", "drop"]);
    expect(fixed.expectations).toEqual([]);
  });
  it("F8: PORT without argument, 'P', 'EP' ⇒ drop", () => {
    for (const text of ["PORT\r\n", "P", "EP"]) {
      expect(verdicts(run([USER, orig(text)]))).toEqual(["accept", "drop"]);
    }
  });
  it("F9: PORT not at offset 0 ⇒ accept, no exp", () => {
    for (const text of [" PORT 10,0,0,2,4,1\r\n", "NOOP\r\nPORT 10,0,0,2,4,1\r\n"]) {
      const outcome = run([USER, orig(text)]);
      expect(verdicts(outcome)).toEqual(["accept", "accept"]);
      expect(outcome.expectations).toEqual([]);
    }
  });
  it("F10: PORTX is a PORT", () => {
    expect(run([USER, orig("PORTX 10,0,0,2,4,1\r\n")]).expectations).toEqual([toClient(1025)]);
  });
  it("F11: EPRT with '!' delimiters", () => {
    expect(run([USER, orig("EPRT !1!10.0.0.2!1025!\r\n")]).expectations).toEqual([toClient(1025)]);
  });
  it("F12: EPRT |2| on an IPv4 session ⇒ drop", () => {
    expect(verdicts(run([USER, orig("EPRT |2|::1|1025|\r\n")]))).toEqual(["accept", "drop"]);
  });
  it("F13: EPRT port 65537 ⇒ port 1 (stable) / drop (avoidU16Overflows)", () => {
    const steps = [USER, orig("EPRT |1|10.0.0.2|65537|\r\n")];
    expect(run(steps).expectations).toEqual([toClient(1)]);
    const fixed = run(steps, { config: { avoidU16Overflows: true } });
    expect(verdicts(fixed)).toEqual(["accept", "drop"]);
    expect(fixed.expectations).toEqual([]);
  });
  it("F14/F15: 227 with or without parentheses ⇒ exp C→S:5001", () => {
    for (const text of [
      "227 Entering Passive Mode (203,0,113,5,19,137).\r\n",
      "227 Entering Passive Mode 203,0,113,5,19,137\r\n",
    ]) {
      expect(run([BANNER, reply(text)]).expectations).toEqual([toServer(5001)]);
    }
  });
  it("F16: 227 without digits or with a stray digit ⇒ drop", () => {
    for (const text of ["227 OK\r\n", "227 Mode 2 (203,0,113,5,19,137)\r\n"]) {
      expect(verdicts(run([BANNER, reply(text)]))).toEqual(["accept", "drop"]);
    }
  });
  it("F17: 229 ⇒ exp C→S:5001", () => {
    const outcome = run([BANNER, reply("229 Entering Extended Passive Mode (|||5001|)\r\n")]);
    expect(outcome.expectations).toEqual([toServer(5001)]);
  });
  it("F18: 229 with port 0 or without '(' ⇒ drop", () => {
    for (const text of [
      "229 Entering Extended Passive Mode (|||0|)\r\n",
      "229 Entering EPSV\r\n",
    ]) {
      expect(verdicts(run([BANNER, reply(text)]))).toEqual(["accept", "drop"]);
    }
  });
  it("F19: NAT rewrites PORT, the exp names N, later segments shift by +4", () => {
    const outcome = run([USER, orig("PORT 10,0,0,2,4,1\r\n"), orig("TYPE I\r\n")], {
      nat: { client: { addr: N } },
    });
    expect(texts(outcome)).toEqual(["USER a\r\n", "PORT 198,51,100,1,4,1\r\n", "TYPE I\r\n"]);
    expect(outcome.segments.map((s) => s.seq)).toEqual([0, 8, 8 + 19 + 4]);
    expect(outcome.expectations).toEqual([toClient(1025, N)]);
  });
  it("F20: NAT rewrites EPRT with '|' delimiters", () => {
    const outcome = run([USER, orig("EPRT !1!10.0.0.2!1025!\r\n")], {
      nat: { client: { addr: N } },
    });
    expect(texts(outcome)[1]).toBe("EPRT |1|198.51.100.1|1025|\r\n");
    expect(outcome.expectations).toEqual([toClient(1025, N)]);
  });
});

describe("REPORT.md §4: measured on kernel 6.18.44", () => {
  const port = (dport: number) => `PORT 10,0,0,2,${dport >> 8},${dport & 255}\r\n`;
  const rows: { name: string; steps: Step[]; verdicts: string[]; ports: number[] }[] = [
    {
      name: "USER then PORT",
      steps: [USER, orig(port(10000))],
      verdicts: ["accept", "accept"],
      ports: [10000],
    },
    { name: "PORT first", steps: [orig(port(10001))], verdicts: ["accept"], ports: [] },
    {
      name: "PORT after a line in one segment",
      steps: [orig(`USER a\r\n${port(10002)}`)],
      verdicts: ["accept"],
      ports: [],
    },
    {
      name: "two PORT lines in one segment",
      steps: [USER, orig(port(10003) + port(10004))],
      verdicts: ["accept", "accept"],
      ports: [10003],
    },
    {
      name: "PORT split",
      steps: [USER, orig("PORT 10,0,"), orig("0,2,39,21\r\n")],
      verdicts: ["accept", "drop", "accept"],
      ports: [],
    },
    {
      name: "PORT split, then the whole line retransmitted",
      steps: [USER, orig("PORT 10,0,"), orig("0,2,39,22\r\n"), orig("PORT 10,0,0,2,39,22\r\n", 8)],
      verdicts: ["accept", "drop", "accept", "accept"],
      ports: [10006],
    },
    {
      name: "PO + RT",
      steps: [USER, orig("PO"), orig("RT 10,0,0,2,39,23\r\n")],
      verdicts: ["accept", "drop", "accept"],
      ports: [],
    },
    {
      name: "'\\r' then '\\n'",
      steps: [USER, orig("PORT 10,0,0,2,39,24\r"), orig("\n")],
      verdicts: ["accept", "accept", "accept"],
      ports: [10008],
    },
    {
      name: "NOOP without newline",
      steps: [orig("NOOP"), orig(port(10009))],
      verdicts: ["accept", "accept"],
      ports: [],
    },
    {
      name: "NOOP, '\\r\\n' alone, PORT",
      steps: [orig("NOOP"), orig("\r\n"), orig(port(10010))],
      verdicts: ["accept", "accept", "accept"],
      ports: [10010],
    },
    {
      name: "out of order",
      steps: [orig(port(10011), 8), orig("USER a\r\n", 0)],
      verdicts: ["accept", "accept"],
      ports: [],
    },
    {
      name: "out of order, then PORT retransmitted",
      steps: [orig(port(10012), 8), orig("USER a\r\n", 0), orig(port(10012), 8)],
      verdicts: ["accept", "accept", "accept"],
      ports: [10012],
    },
    {
      name: "accepted PORT retransmitted",
      steps: [USER, orig(port(10013)), orig(port(10013), 8)],
      verdicts: ["accept", "accept", "accept"],
      ports: [10013, 10013],
    },
    {
      name: "other bytes at an old position",
      steps: [USER, orig("PASS b\r\n"), orig(port(10014), 8)],
      verdicts: ["accept", "accept", "accept"],
      ports: [10014],
    },
    {
      name: "X + PORT",
      steps: [USER, orig(`X${port(10015)}`)],
      verdicts: ["accept", "accept"],
      ports: [],
    },
    {
      name: "227 split",
      steps: [BANNER, reply("227 Entering Passive Mode (203,0,"), reply("113,5,39,40)\r\n")],
      verdicts: ["accept", "drop", "accept"],
      ports: [],
    },
    {
      name: "229 after banner",
      steps: [BANNER, reply("229 Entering Extended Passive Mode (|||10050|)\r\n")],
      verdicts: ["accept", "accept"],
      ports: [10050],
    },
  ];
  for (const row of rows) {
    it(row.name, () => {
      const outcome = run(row.steps);
      expect(verdicts(outcome)).toEqual(row.verdicts);
      expect(ports(outcome)).toEqual(row.ports);
    });
  }

  it("retransmission: two creations, one live; eviction keeps only the newest live", () => {
    const trace = ftpSpecTrace(
      flowOf([USER, orig(port(10013)), orig(port(10013), 8), orig(port(10014), 8)]),
    );
    expect(ports(trace.outcome)).toEqual([10013, 10013, 10014]);
    expect(trace.liveAfter.map((live) => live.map((e) => e.dport))).toEqual([
      [],
      [10013],
      [10013],
      [10014],
    ]);
  });

  it("three PORT lines evict one another (max_expected 1)", () => {
    const trace = ftpSpecTrace(flowOf([USER, orig(port(1)), orig(port(2)), orig(port(3))]));
    expect(ports(trace.outcome)).toEqual([1, 2, 3]);
    expect(trace.liveAfter[3]).toEqual([toClient(3)]);
  });

  it("NAT masquerade: same length, no shift", () => {
    const outcome = ftpSpec({
      ...flowOf([USER, orig("PORT 198,18,1,2,39,16\r\n"), orig("TYPE I\r\n")]),
      client: { addr: "198.18.1.2", port: 49916 },
      server: { addr: "198.19.1.2", port: 21 },
      nat: { client: { addr: "198.19.1.1" } },
    });
    expect(texts(outcome)[1]).toBe("PORT 198,19,1,1,39,16\r\n");
    expect(outcome.segments[2].seq).toBe(31);
    expect(outcome.expectations).toEqual([
      { l4: "tcp", src: "198.19.1.2", sport: null, dst: "198.19.1.1", dport: 10000 },
    ]);
  });

  it("NAT SNAT .100: +2 bytes, later segments +2, PORT and EPRT", () => {
    const base = {
      client: { addr: "198.18.1.2", port: 48164 },
      server: { addr: "198.19.1.2", port: 21 },
      nat: { client: { addr: "198.19.1.100" } },
    };
    const outcome = ftpSpec({
      ...flowOf([USER, orig("PORT 198,18,1,2,39,16\r\n"), orig("TYPE I\r\n")]),
      ...base,
    });
    expect(texts(outcome)[1]).toBe("PORT 198,19,1,100,39,16\r\n");
    expect(outcome.segments.map((s) => s.seq)).toEqual([0, 8, 8 + 23 + 2]);
    const eprt = ftpSpec({ ...flowOf([USER, orig("EPRT |1|198.18.1.2|10001|\r\n")]), ...base });
    expect(texts(eprt)[1]).toBe("EPRT |1|198.19.1.100|10001|\r\n");
    expect(eprt.expectations[0].dst).toBe("198.19.1.100");
  });
});

describe("IPv6", () => {
  const v6 = (steps: Step[], extra: Partial<Flow> = {}) =>
    ftpSpec({
      ...flowOf(steps),
      client: { addr: "2001:db8:c::2", port: 36572 },
      server: { addr: "2001:db8:5::2", port: 21 },
      ...extra,
    });

  it("EPRT |2| naming the client ⇒ exp", () => {
    const outcome = v6([USER, orig("EPRT |2|2001:db8:c::2|10001|\r\n")]);
    expect(outcome.expectations).toEqual([
      { l4: "tcp", src: "2001:db8:5::2", sport: null, dst: "2001:db8:c::2", dport: 10001 },
    ]);
  });
  it("EPRT |2| naming another address ⇒ no exp; |1| ⇒ drop", () => {
    expect(v6([USER, orig("EPRT |2|2001:db8:c::3|10001|\r\n")]).expectations).toEqual([]);
    expect(verdicts(v6([USER, orig("EPRT |1|10.0.0.2|10001|\r\n")]))).toEqual(["accept", "drop"]);
  });
  it("229 ⇒ exp to the server", () => {
    const outcome = v6([BANNER, reply("229 Entering Extended Passive Mode (|||10003|)\r\n")]);
    expect(outcome.expectations).toEqual([
      { l4: "tcp", src: "2001:db8:c::2", sport: null, dst: "2001:db8:5::2", dport: 10003 },
    ]);
  });
  it("PORT overwrites only the first 4 bytes: a match needs those 32 bits equal, or loose", () => {
    const foreign = [USER, orig("PORT 10,0,0,1,39,17\r\n")];
    expect(v6(foreign).expectations).toEqual([]);
    expect(v6(foreign, { config: { loose: true } }).expectations[0].dst).toBe("a00:1:c::2");
    const samePrefix = v6([USER, orig("PORT 32,1,13,184,39,17\r\n")]);
    expect(samePrefix.expectations[0]).toMatchObject({ dst: "2001:db8:c::2", dport: 10001 });
  });
  it("NAT rewrites EPRT with the full IPv6 form and shifts later segments", () => {
    const outcome = v6([USER, orig("EPRT |2|2001:db8:c::2|10001|\r\n"), orig("TYPE I\r\n")], {
      nat: { client: { addr: "2001:db8:5::1" } },
    });
    const rewritten = "EPRT |2|2001:0db8:0005:0000:0000:0000:0000:0001|10001|\r\n";
    expect(texts(outcome)[1]).toBe(rewritten);
    const delta = rewritten.length - "EPRT |2|2001:db8:c::2|10001|\r\n".length;
    expect(outcome.segments[2].seq).toBe(8 + 30 + delta);
    expect(outcome.expectations[0].dst).toBe("2001:db8:5::1");
  });
  it("EPRT port read after a ':' that ended a dotted tail", () => {
    const outcome = v6([USER, orig("EPRT |2|::ffff:1.2.3.4:99|\r\n")], { config: { loose: true } });
    expect(outcome.expectations[0]).toMatchObject({ dst: "::ffff:102:304", dport: 99 });
  });
});

describe("NAT details", () => {
  const nat = { nat: { client: { addr: N } } };
  it("229 is normalised to '|' delimiters, the reply direction shifts", () => {
    const outcome = run(
      [BANNER, reply("229 Entering Extended Passive Mode (!!!5001!)\r\n"), reply("226 ok\r\n")],
      nat,
    );
    expect(texts(outcome)[1]).toBe("229 Entering Extended Passive Mode (|||5001|)\r\n");
    expect(outcome.expectations).toEqual([toServer(5001)]);
  });
  it("227 is rewritten to the canonical tuple: shorter, later reply segments shift back", () => {
    const outcome = run(
      [BANNER, reply("227 Passive (203,0,113,005,19,137)\r\n"), reply("226 ok\r\n")],
      nat,
    );
    expect(texts(outcome)[1]).toBe("227 Passive (203,0,113,5,19,137)\r\n");
    expect(outcome.segments[2].seq).toBe(8 + 36 - 2);
  });
  it("a retransmitted rewrite is not counted twice", () => {
    const outcome = run(
      [
        USER,
        orig("PORT 10,0,0,2,4,1\r\n"),
        orig("PORT 10,0,0,2,4,1\r\n", 8),
        orig("TYPE I\r\n", 27),
      ],
      nat,
    );
    expect(outcome.segments.map((s) => s.seq)).toEqual([0, 8, 8, 31]);
    expect(texts(outcome)[2]).toBe("PORT 198,51,100,1,4,1\r\n");
  });
  it("port 0: expectation inserted, segment dropped unchanged, position still remembered", () => {
    const trace = ftpSpecTrace(
      flowOf([USER, orig("PORT 10,0,0,2,0,0\r\n"), orig("PORT 10,0,0,2,4,1\r\n")], nat),
    );
    expect(verdicts(trace.outcome)).toEqual(["accept", "drop", "accept"]);
    expect(texts(trace.outcome)[1]).toBe("PORT 10,0,0,2,0,0\r\n");
    expect(ports(trace.outcome)).toEqual([0, 1025]);
    expect(trace.liveAfter[1]).toEqual([toClient(0, N)]);
  });
  it("port 0 without NAT is an ordinary expectation", () => {
    expect(run([USER, orig("PORT 10,0,0,2,0,0\r\n")]).expectations).toEqual([toClient(0)]);
  });
  it("loose mismatch under NAT: exp to the named address, text rewritten to N", () => {
    const outcome = run([USER, orig("PORT 10,0,0,3,4,1\r\n")], { ...nat, config: { loose: true } });
    expect(texts(outcome)[1]).toBe("PORT 198,51,100,1,4,1\r\n");
    expect(outcome.expectations).toEqual([toClient(1025, "10.0.0.3")]);
  });
});

describe("sequence numbers and empty segments", () => {
  it("wraps seq mod 2^32 and continues after an explicit seq", () => {
    const outcome = run([orig("USER a\r\n", 2 ** 32 - 4), orig("PORT 10,0,0,2,4,1\r\n")]);
    expect(outcome.segments.map((s) => s.seq)).toEqual([2 ** 32 - 4, 4]);
    expect(ports(outcome)).toEqual([1025]);
  });
  it("an empty segment is accepted and changes nothing", () => {
    const outcome = run([USER, orig(""), orig("PORT 10,0,0,2,4,1\r\n")]);
    expect(verdicts(outcome)).toEqual(["accept", "accept", "accept"]);
    expect(ports(outcome)).toEqual([1025]);
  });
});

describe("bad tool input ⇒ FlowError", () => {
  const cases: [string, Partial<Flow>][] = [
    ["unknown option", { config: { lose: true } }],
    ["wrong type", { config: { loose: "yes" } }],
    ["bad ports", { config: { ports: [21, 70000] } }],
    ["other helper", { helper: "irc" }],
    ["udp", { l4: "udp" }],
    ["mixed families", { server: { addr: "2001:db8::1", port: 21 } }],
    ["NAT of another family", { nat: { client: { addr: "2001:db8::1" } } }],
    ["not an address", { client: { addr: "host", port: 1 } }],
  ];
  for (const [name, extra] of cases) {
    it(name, () => {
      expect(() => run([USER], extra)).toThrow(FlowError);
    });
  }
  it("accepts the documented options", () => {
    expect(() =>
      run([USER], { config: { loose: true, avoidU16Overflows: false, ports: [21, 2121] } }),
    ).not.toThrow();
  });
});

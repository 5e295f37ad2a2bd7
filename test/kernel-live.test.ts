// The kernel's live expectations: the agent reads ctnetlink NEW and DESTROY events, so the
// kernel target shows what is live after each segment, evictions at max_expected and
// replacements of an identical expectation included.

import { describe, expect, it } from "vitest";
import { createKernelTarget, kernelAvailability } from "../harness/kernel/target.ts";
import { liveAtEndFromWire } from "../harness/kernel/wire.ts";
import type { Flow } from "../helpers/core/model.ts";

const availability = await kernelAvailability();
const title = availability.ok
  ? "kernel live sets"
  : `kernel live sets (skipped: ${availability.reason})`;
const bytes = (s: string) => new TextEncoder().encode(s);
const client = "198.18.1.2";
const server = "198.19.1.2";

describe("liveAtEnd on the wire", () => {
  it("is decoded like the expectations, and a reply without it is malformed", () => {
    const e = { l4: "tcp", src: server, sport: null, dst: client, dport: 1025 };
    expect(liveAtEndFromWire({ liveAtEnd: [e] })).toEqual([e]);
    expect(() => liveAtEndFromWire({})).toThrow(/malformed outcome: liveAtEnd is not an array/);
    expect(() => liveAtEndFromWire({ liveAtEnd: [{ ...e, dport: "x" }] })).toThrow(/dport/);
  });
});

describe.skipIf(!availability.ok)(title, () => {
  const ftp: Flow = {
    helper: "ftp",
    l4: "tcp",
    client: { addr: client, port: 40000 },
    server: { addr: server, port: 21 },
    segments: [
      { dir: "orig", data: bytes("USER a\r\n") },
      { dir: "orig", data: bytes("PORT 198,18,1,2,39,16\r\n") },
      { dir: "orig", data: bytes("PORT 198,18,1,2,39,17\r\n") },
      { dir: "orig", data: bytes("PORT 198,18,1,2,39,17\r\n") },
    ],
  };
  // 10 DCC SENDs on ports 2000..2009 from 198.18.1.2 (3323068674).
  const irc: Flow = {
    helper: "irc",
    l4: "tcp",
    client: { addr: client, port: 40001 },
    server: { addr: server, port: 6667 },
    segments: Array.from({ length: 10 }, (_, i) => ({
      dir: "orig" as const,
      data: bytes(`PRIVMSG bob :\x01DCC SEND f${i} 3323068674 ${2000 + i} 10\x01\r\n`),
    })),
  };
  const ports = (liveAfter: { dport: number }[][]) => liveAfter.map((l) => l.map((e) => e.dport));

  it("FTP (max_expected 1): the second PORT evicts the first, a repeated one replaces it", async () => {
    const kernel = await createKernelTarget();
    try {
      const trace = await kernel.trace(ftp);
      expect(trace.outcome.expectations.map((e) => e.dport)).toEqual([10000, 10001, 10001]);
      expect(ports(trace.liveAfter)).toEqual([[], [10000], [10001], [10001]]);
      expect(trace.outcome).toEqual(await kernel.run(ftp));
    } finally {
      await kernel.close();
    }
  });

  it("IRC (max_dcc_channels 8): the ninth and tenth DCC evict the oldest", async () => {
    const kernel = await createKernelTarget();
    try {
      const live = ports((await kernel.trace(irc)).liveAfter);
      expect(live.map((l) => l.length)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 8, 8]);
      expect([...live[9]].sort()).toEqual([2002, 2003, 2004, 2005, 2006, 2007, 2008, 2009]);
    } finally {
      await kernel.close();
    }
  });
});

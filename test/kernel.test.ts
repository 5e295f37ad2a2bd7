// The kernel target against the running kernel: the FTP vectors F1-F20 of
// kernel-helpers.md §14 (addresses moved into 198.18.0.0/15, see docs/kernel-target.md),
// asserting what this kernel does, and a drill that interrupts a run and checks that
// nothing of it remains. Skipped, with the reason, where the kernel target cannot run.

import { spawn } from "node:child_process";
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createKernelTarget,
  type KernelTarget,
  kernelAvailability,
} from "../harness/kernel/target.ts";
import type { Flow, Outcome } from "../helpers/core/model.ts";

const availability = await kernelAvailability();
const title = availability.ok ? "kernel target" : `kernel target (skipped: ${availability.reason})`;

const C = "198.18.0.2";
const S = "198.19.0.5";
const N = "198.18.100.1";
const text = new TextEncoder();
const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** The vector's payload at a tracked position: after a first line in the same direction. */
function tracked(dir: "orig" | "reply", payload: string, extra: Partial<Flow> = {}): Flow {
  return {
    helper: "ftp",
    l4: "tcp",
    client: { addr: C, port: 40000 },
    server: { addr: S, port: 21 },
    ...extra,
    segments: [
      { dir, data: text.encode(dir === "orig" ? "USER a\r\n" : "220 hi\r\n") },
      { dir, data: text.encode(payload) },
      { dir, data: text.encode(dir === "orig" ? "NOOP\r\n" : "200 ok\r\n") },
    ],
  };
}

const toClient = (dport: number, dst = C) => ({ l4: "tcp", src: S, sport: null, dst, dport });
const toServer = (dport: number) => ({ l4: "tcp", src: C, sport: null, dst: S, dport });

interface Vector {
  flow: Flow;
  expectations: object[];
  /** verdict of the vector's segment (the middle one) */
  verdict: "accept" | "drop";
  /** forwarded text of the vector's segment, when it differs from the input */
  forwarded?: string;
}

const vectors: Record<string, Vector> = {
  "F2 PORT": {
    flow: tracked("orig", `PORT 198,18,0,2,4,1\r\n`),
    expectations: [toClient(1025)],
    verdict: "accept",
  },
  "F3 port, lower case": {
    flow: tracked("orig", `port 198,18,0,2,4,1\r\n`),
    expectations: [toClient(1025)],
    verdict: "accept",
  },
  "F4 PORT ending in LF only": {
    flow: tracked("orig", `PORT 198,18,0,2,4,1\n`),
    expectations: [],
    verdict: "drop",
  },
  "F5 PORT naming another host": {
    flow: tracked("orig", `PORT 198,18,0,3,4,1\r\n`),
    expectations: [],
    verdict: "accept",
  },
  "F6 PORT with 7 numbers": {
    flow: tracked("orig", `PORT 198,18,0,2,4,1,7\r\n`),
    expectations: [],
    verdict: "drop",
  },
  // 6.18.44 has no "avoid u16 overflows" fix: the stable behaviour (port 256*256+22 -> 22)
  "F7 PORT octet 256 (stable: port 22)": {
    flow: tracked("orig", `PORT 198,18,0,2,256,22\r\n`),
    expectations: [toClient(22)],
    verdict: "accept",
  },
  "F8 PORT without argument": {
    flow: tracked("orig", "PORT\r\n"),
    expectations: [],
    verdict: "drop",
  },
  "F8 one byte P": { flow: tracked("orig", "P"), expectations: [], verdict: "drop" },
  "F8 two bytes EP": { flow: tracked("orig", "EP"), expectations: [], verdict: "drop" },
  "F9 leading space": {
    flow: tracked("orig", ` PORT 198,18,0,2,4,1\r\n`),
    expectations: [],
    verdict: "accept",
  },
  "F9 PORT as second line": {
    flow: tracked("orig", `NOOP\r\nPORT 198,18,0,2,4,1\r\n`),
    expectations: [],
    verdict: "accept",
  },
  "F10 PORTX prefix": {
    flow: tracked("orig", `PORTX 198,18,0,2,4,1\r\n`),
    expectations: [toClient(1025)],
    verdict: "accept",
  },
  "F11 EPRT with ! delimiter": {
    flow: tracked("orig", `EPRT !1!198.18.0.2!1025!\r\n`),
    expectations: [toClient(1025)],
    verdict: "accept",
  },
  "F12 EPRT family 2 on IPv4": {
    flow: tracked("orig", "EPRT |2|::1|1025|\r\n"),
    expectations: [],
    verdict: "drop",
  },
  "F13 EPRT port 65537 (stable: port 1)": {
    flow: tracked("orig", `EPRT |1|198.18.0.2|65537|\r\n`),
    expectations: [toClient(1)],
    verdict: "accept",
  },
  "F14 227 with parentheses": {
    flow: tracked("reply", "227 Entering Passive Mode (198,19,0,5,19,137).\r\n"),
    expectations: [toServer(5001)],
    verdict: "accept",
  },
  "F15 227 without parentheses": {
    flow: tracked("reply", "227 Entering Passive Mode 198,19,0,5,19,137\r\n"),
    expectations: [toServer(5001)],
    verdict: "accept",
  },
  "F16 227 OK": { flow: tracked("reply", "227 OK\r\n"), expectations: [], verdict: "drop" },
  "F16 227 with a stray digit": {
    flow: tracked("reply", "227 Mode 2 (198,19,0,5,19,137)\r\n"),
    expectations: [],
    verdict: "drop",
  },
  "F17 229": {
    flow: tracked("reply", "229 Entering Extended Passive Mode (|||5001|)\r\n"),
    expectations: [toServer(5001)],
    verdict: "accept",
  },
  "F18 229 port 0": {
    flow: tracked("reply", "229 Entering Extended Passive Mode (|||0|)\r\n"),
    expectations: [],
    verdict: "drop",
  },
  "F18 229 without (": {
    flow: tracked("reply", "229 Entering EPSV\r\n"),
    expectations: [],
    verdict: "drop",
  },
  "F19 PORT under SNAT": {
    flow: tracked("orig", `PORT 198,18,0,2,4,1\r\n`, { nat: { client: { addr: N } } }),
    expectations: [toClient(1025, N)],
    verdict: "accept",
    forwarded: "PORT 198,18,100,1,4,1\r\n",
  },
  "F20 EPRT under SNAT": {
    flow: tracked("orig", `EPRT !1!198.18.0.2!1025!\r\n`, { nat: { client: { addr: N } } }),
    expectations: [toClient(1025, N)],
    verdict: "accept",
    forwarded: "EPRT |1|198.18.100.1|1025|\r\n",
  },
  // §13 item 15: port 0 is not rejected by PORT; with NAT the expectation is inserted and
  // the segment still dropped (nf_nat_exp_find_port returns 0 = "all ports in use").
  "§13.15 PORT port 0": {
    flow: tracked("orig", `PORT 198,18,0,2,0,0\r\n`),
    expectations: [toClient(0)],
    verdict: "accept",
  },
  "§13.15 PORT port 0 under SNAT": {
    flow: tracked("orig", `PORT 198,18,0,2,0,0\r\n`, { nat: { client: { addr: N } } }),
    expectations: [toClient(0, N)],
    verdict: "drop",
  },
  "IPv6 EPRT under SNAT: uncompressed address": {
    flow: {
      ...tracked("orig", "EPRT |2|2001:db8:c::2|1025|\r\n", {
        nat: { client: { addr: "2001:db8:c::100" } },
      }),
      client: { addr: "2001:db8:c::2", port: 40000 },
      server: { addr: "2001:db8:5::5", port: 21 },
    },
    expectations: [
      { l4: "tcp", src: "2001:db8:5::5", sport: null, dst: "2001:db8:c::100", dport: 1025 },
    ],
    verdict: "accept",
    forwarded: "EPRT |2|2001:0db8:000c:0000:0000:0000:0000:0100|1025|\r\n",
  },
};

describe.skipIf(!availability.ok)(title, () => {
  let target: KernelTarget;
  const outcomes = new Map<string, Outcome>();

  beforeAll(async () => {
    target = await createKernelTarget();
    // All at once: the agent runs them as one batch, each flow in its own zone.
    const names = Object.keys(vectors);
    const results = await Promise.all(names.map((name) => target.run(vectors[name].flow)));
    for (const [i, name] of names.entries()) outcomes.set(name, results[i]);
  });
  afterAll(async () => {
    await target?.close();
  });

  it("F1: a PORT in the client's first segment is forwarded and not parsed", async () => {
    const outcome = await target.run({
      ...tracked("orig", ""),
      segments: [{ dir: "orig", data: text.encode("PORT 198,18,0,2,4,1\r\n") }],
    });
    expect(outcome.expectations).toEqual([]);
    expect(outcome.segments.map((s) => s.verdict)).toEqual(["accept"]);
  });

  for (const [name, vector] of Object.entries(vectors)) {
    it(name, () => {
      const outcome = outcomes.get(name)!;
      expect(outcome.expectations).toEqual(vector.expectations);
      const [first, middle, last] = outcome.segments;
      expect(first.verdict).toBe("accept");
      expect(middle.verdict).toBe(vector.verdict);
      expect(middle.seq).toBe(8);
      expect(decode(middle.data)).toBe(
        vector.verdict === "accept" && vector.forwarded
          ? vector.forwarded
          : decode(vector.flow.segments[1].data),
      );
      expect(last.verdict).toBe("accept");
      const inputSeq = 8 + vector.flow.segments[1].data.length;
      // sequence adjustment moves the next segment by the rewrite's change of length
      const shift = vector.forwarded ? text.encode(vector.forwarded).length - (inputSeq - 8) : 0;
      expect(last.seq).toBe(inputSeq + shift);
    });
  }

  it("a retransmitted PORT creates its expectation again (replacement is a new event)", async () => {
    const port = text.encode("PORT 198,18,0,2,4,1\r\n");
    const outcome = await target.run({
      ...tracked("orig", ""),
      segments: [
        { dir: "orig", data: text.encode("USER a\r\n") },
        { dir: "orig", data: port, seq: 8 },
        { dir: "orig", data: port, seq: 8 },
      ],
    });
    expect(outcome.expectations).toEqual([toClient(1025), toClient(1025)]);
  });

  it("flows from different batches do not leak into each other", async () => {
    const first = await target.run(vectors["F2 PORT"].flow);
    const second = await target.run(vectors["F5 PORT naming another host"].flow);
    expect(first.expectations).toEqual([toClient(1025)]);
    expect(second.expectations).toEqual([]);
  });

  it("refuses addresses outside 198.18.0.0/15 and 2001:db8::/32 as a FlowError", async () => {
    const flow = {
      ...tracked("orig", "PORT 10,0,0,2,4,1\r\n"),
      client: { addr: "10.0.0.2", port: 1 },
    };
    await expect(target.run(flow)).rejects.toMatchObject({ name: "FlowError" });
  });

  it("reports loose=true as unsupported: the kernel's loose parameter is host-global", async () => {
    const flow = { ...tracked("orig", "PORT 198,18,0,3,4,1\r\n"), config: { loose: true } };
    await expect(target.run(flow)).rejects.toThrow(/host-global/);
  });
});

/** Every process holding one of these network namespaces (as its own or as an open fd). */
function holders(inodes: number[]): number[] {
  const wanted = new Set(inodes.map((inode) => `net:[${inode}]`));
  const found: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (wanted.has(readlinkSync(`/proc/${entry}/ns/net`))) found.push(Number(entry));
      for (const fd of readdirSync(`/proc/${entry}/fd`)) {
        if (wanted.has(readlinkSync(`/proc/${entry}/fd/${fd}`))) found.push(Number(entry));
      }
    } catch {
      // the process ended while we looked
    }
  }
  return found;
}

function alive(pid: number): boolean {
  try {
    return !/^\S+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}

describe.skipIf(!availability.ok)(`${title}: cleanup`, () => {
  it("100 runs of the kernel target, the last one interrupted by SIGINT, leave no process, namespace or veth behind", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "harness/kernel/cleanup-drill.ts"], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    const started: { pid: number; namespaces: Record<string, number> }[] = [];
    let interruptedMidway = false;
    let buffered = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      buffered += chunk;
      for (const line of buffered.split("\n").slice(0, -1)) {
        const message = JSON.parse(line);
        if (message.started) started.push(message.started);
        if (message.midway !== undefined && !interruptedMidway) {
          interruptedMidway = true;
          child.kill("SIGINT");
        }
      }
      buffered = buffered.slice(buffered.lastIndexOf("\n") + 1);
    });
    const exit = await new Promise<{ code: number | null; signal: string | null }>((resolve) =>
      child.on("exit", (code, signal) => resolve({ code, signal })),
    );
    expect(interruptedMidway).toBe(true);
    expect(exit.signal).toBe("SIGINT");
    expect(started).toHaveLength(100);
    const pids = started.map((s) => s.pid);
    const inodes = started.flatMap((s) => Object.values(s.namespaces));
    // Namespace teardown is asynchronous in the kernel: give it a bounded moment.
    for (let i = 0; i < 50 && (pids.some(alive) || holders(inodes).length > 0); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(pids.filter(alive)).toEqual([]);
    expect(holders(inodes)).toEqual([]);
    // Our veths only ever existed inside our namespaces; none may show up here.
    const here = readFileSync("/proc/net/dev", "utf8");
    expect(here).not.toMatch(/\bhf[cs][01]:/);
  }, 120_000);
});

describe.skipIf(!availability.ok)(`${title}: IRC, TFTP and Amanda`, () => {
  let target: KernelTarget;
  beforeAll(async () => {
    target = await createKernelTarget();
  });
  afterAll(async () => {
    await target?.close();
  });
  const udp = (helper: string, port: number, segments: Flow["segments"], extra = {}): Flow => ({
    helper,
    l4: "udp",
    client: { addr: C, port: 40000 },
    server: { addr: S, port },
    ...extra,
    segments,
  });
  const rrq = new Uint8Array([0, 1, ...text.encode("f\0octet\0")]);
  // C = 198.18.0.2 = 3323068418, N = 198.18.100.1 = 3323094017
  const dcc = "PRIVMSG bob :\x01DCC SEND f.txt 3323068418 5000 1234\x01\r\n";

  it("TFTP RRQ: server (any port) -> the flow's own client port, also under NAT and from the server", async () => {
    const [plain, natted, fromServer] = await Promise.all([
      target.run(udp("tftp", 69, [{ dir: "orig", data: rrq }])),
      target.run(udp("tftp", 69, [{ dir: "orig", data: rrq }], { nat: { client: { addr: N } } })),
      target.run(udp("tftp", 69, [{ dir: "reply", data: rrq }])),
    ]);
    const toClient = (dst: string) => [{ l4: "udp", src: S, sport: null, dst, dport: 40000 }];
    expect(plain.expectations).toEqual(toClient(C));
    expect(natted.expectations).toEqual(toClient(N));
    expect(fromServer.expectations).toEqual(toClient(C));
    expect(plain.segments).toEqual([{ verdict: "accept", seq: 0, data: rrq }]);
  });

  it("Amanda CONNECT in the reply: one expectation per token, client -> server", async () => {
    const outcome = await target.run(
      udp("amanda", 10080, [
        { dir: "orig", data: text.encode("REQ\n") },
        { dir: "reply", data: text.encode("CONNECT DATA 50000 MESG 50001 INDEX 50002\n") },
      ]),
    );
    expect(outcome.expectations.map((e) => [e.src, e.dst, e.dport])).toEqual([
      [C, S, 50000],
      [C, S, 50001],
      [C, S, 50002],
    ]);
  });

  it("IRC DCC: any -> client:5000; under NAT the address is rewritten; IPv6 has no irc helper", async () => {
    const irc = (segments: string[], extra: Partial<Flow> = {}): Flow => ({
      helper: "irc",
      l4: "tcp",
      client: { addr: C, port: 40000 },
      server: { addr: S, port: 6667 },
      ...extra,
      segments: segments.map((s) => ({ dir: "orig", data: text.encode(s) })),
    });
    const [plain, natted, v6] = await Promise.all([
      target.run(irc(["NICK a\r\n", dcc])),
      target.run(irc(["NICK a\r\n", dcc], { nat: { client: { addr: N } } })),
      target.run({
        ...irc([dcc]),
        client: { addr: "2001:db8:c::2", port: 1 },
        server: { addr: "2001:db8:5::5", port: 6667 },
      }),
    ]);
    expect(plain.expectations).toEqual([
      { l4: "tcp", src: null, sport: null, dst: C, dport: 5000 },
    ]);
    expect(natted.expectations).toEqual([
      { l4: "tcp", src: null, sport: null, dst: N, dport: 5000 },
    ]);
    expect(decode(natted.segments[1].data)).toBe(dcc.replace("3323068418", "3323094017"));
    expect(v6.expectations).toEqual([]);
  });

  it("reports an IRC flow with another max_dcc_channels as not runnable (host-global)", async () => {
    const flow: Flow = {
      helper: "irc",
      l4: "tcp",
      client: { addr: C, port: 40000 },
      server: { addr: S, port: 6667 },
      config: { maxDccChannels: 3 },
      segments: [{ dir: "orig", data: text.encode(dcc) }],
    };
    await expect(target.run(flow)).rejects.toThrow(/max_dcc_channels.*host-global/);
  });
});

// talk/ntalk benchmark workloads. The talk helper reads a datagram's length, its version
// byte on 518, and an answer's type, answer and addr words; under NAT it rewrites the
// addr/ctl_addr words of requests and answers. A prefix-check helper: its floor reads the
// first bytes and the last byte. UDP: no stream position, every datagram is looked at.
//
// An expectation waits for the rest of the connection (max_expected 1, no reuse): one
// connection creates at most one, so no workload creates one per cycle; "announce-resent"
// primes it and times the successful answer that then only refreshes it.

import { talkHelper } from "../helpers/talk/index.ts";
import { talkSpec } from "../helpers/talk/spec/index.ts";
import type { BenchSegment, BenchSuite, Workload } from "./core/workload.ts";

const CLIENT = { addr: "10.0.0.2", port: 40000 };
const SERVER = { addr: "203.0.113.5", port: 518 };
const CLIENT_AS_SEEN = "198.51.100.7";

function sockaddr(ip: number[], port: number): number[] {
  return [0, 2, port >> 8, port & 0xff, ...ip, 0, 0, 0, 0, 0, 0, 0, 0];
}

/** struct ntalk_msg: vers 1, type, id_num, addr, ctl_addr, pid, names, tty. */
function request(type: number): Uint8Array {
  const out = new Uint8Array(84);
  out.set([1, type, 0, 0, 0, 0, 0, 9]);
  out.set(sockaddr([10, 0, 0, 2], 33000), 8);
  out.set(sockaddr([10, 0, 0, 2], 40000), 24);
  out.set(
    Array.from("alice\0\0\0\0\0\0\0bob", (c) => c.charCodeAt(0)),
    44,
  );
  out.set(
    Array.from("pts/3", (c) => c.charCodeAt(0)),
    68,
  );
  return out;
}

/** struct ntalk_response (24 bytes) or, with extra bytes, ntalk2_response. */
function answer(type: number, code: number, ip: number[], port: number, extra = 0): Uint8Array {
  const out = new Uint8Array(24 + extra);
  out.set([extra > 0 ? 2 : 1, type, code, 0, 0, 0, 0, 9, ...sockaddr(ip, port)]);
  return out;
}

const orig = (data: Uint8Array): BenchSegment => ({ dir: "orig", data });
const reply = (data: Uint8Array): BenchSegment => ({ dir: "reply", data });

function workload(
  name: string,
  description: string,
  packets: BenchSegment[],
  expectationsPerCycle = 0,
  nat = false,
): Workload {
  return { name, description, floor: "prefix", nat, prime: [], packets, expectationsPerCycle };
}

const LOOK_UP = 1;
const ANNOUNCE = 3;
const NOT_HERE = 1;

/** The caller's first round: LOOK_UP (no invitation yet), then ANNOUNCE refused. */
const invite = workload("invite", "LOOK_UP and ANNOUNCE requests with unsuccessful answers", [
  orig(request(LOOK_UP)),
  reply(answer(LOOK_UP, NOT_HERE, [0, 0, 0, 0], 0)),
  orig(request(ANNOUNCE)),
  reply(answer(ANNOUNCE, NOT_HERE, [0, 0, 0, 0], 0)),
]);

function sized(size: number): Workload[] {
  // ntalk2 answers take any length from 36 bytes on.
  const extra = Math.max(12, size - 24);
  return [
    workload("answer", "", [reply(answer(ANNOUNCE, NOT_HERE, [0, 0, 0, 0], 0, extra))]),
    workload(
      "nat-answer",
      "",
      [reply(answer(ANNOUNCE, NOT_HERE, [10, 0, 0, 2], 5, extra))],
      0,
      true,
    ),
  ];
}

const WORKLOADS: Workload[] = [
  invite,
  {
    ...workload(
      "announce-resent",
      "ANNOUNCE and its successful answer again while the callee's expectation waits",
      [orig(request(ANNOUNCE)), reply(answer(ANNOUNCE, 0, [0, 0, 0, 0], 0))],
    ),
    prime: [orig(request(ANNOUNCE)), reply(answer(ANNOUNCE, 0, [0, 0, 0, 0], 0))],
  },
  workload(
    "nat-requests",
    "LOOK_UP and ANNOUNCE requests under source NAT: addr and ctl_addr rewritten",
    [orig(request(LOOK_UP)), orig(request(ANNOUNCE))],
    0,
    true,
  ),
  workload(
    "nat-invite",
    "the invite round under source NAT: requests rewritten, answers read",
    invite.packets,
    0,
    true,
  ),
  workload("noise", "datagrams of neither layout (wrong sizes and versions)", [
    orig(new Uint8Array(83)),
    reply(Uint8Array.of(0, ...new Uint8Array(23))),
    reply(new Uint8Array(0)),
  ]),
];

export const talkBenchSuite: BenchSuite = {
  name: "talk",
  helper: talkHelper,
  spec: talkSpec,
  connection: (w) => ({
    helper: "talk",
    l4: "udp",
    client: CLIENT,
    server: SERVER,
    config: {},
    ...(w.nat ? { nat: { client: { addr: CLIENT_AS_SEEN } } } : {}),
  }),
  workloads: WORKLOADS,
  sized,
  perConnection: invite,
};

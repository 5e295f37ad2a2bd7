// SANE benchmark workloads. The SANE helper reads a segment's length and its first 8
// bytes (an 8-byte request's RPC code; a START reply's status, zero and port fields), so
// it is a prefix-check helper: its floor reads the first bytes and the last byte. It keeps
// no stream position: every segment is looked at.

import { saneHelper } from "../helpers/sane/index.ts";
import { saneSpec } from "../helpers/sane/spec/index.ts";
import type { BenchSegment, BenchSuite, Workload } from "./core/workload.ts";

const CLIENT = { addr: "10.0.0.2", port: 40000 };
const SERVER = { addr: "203.0.113.5", port: 6566 };
const CLIENT_AS_SEEN = "198.51.100.7";

/** Big-endian 32-bit words, then raw bytes. */
function words(values: number[], rest = new Uint8Array(0)): Uint8Array {
  const out = new Uint8Array(4 * values.length + rest.length);
  const view = new DataView(out.buffer);
  values.forEach((v, i) => {
    view.setUint32(4 * i, v >>> 0, false);
  });
  out.set(rest, 4 * values.length);
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

const START = words([7, 1]);
/** status GOOD, port word 5000, byte order, no resource string. */
const START_REPLY = words([0, 5000, 0x1234, 0]);

const calls = workload(
  "calls",
  "GET_OPTION_DESCRIPTORS, CONTROL_OPTION, GET_PARAMETERS and their replies (no START)",
  [
    orig(words([4, 1])),
    reply(words([0, 3], new Uint8Array(120))),
    orig(words([5, 1, 3, 1, 1, 4, 4, 300])),
    reply(words([0, 0, 1, 4, 4, 300, 0])),
    orig(words([6, 1])),
    reply(words([0, 1, 1, 1920, 2550, 3508, 8])),
  ],
);

function sized(size: number): Workload[] {
  const tail = new Uint8Array(Math.max(0, size - 8));
  return [
    workload("reply", "", [orig(words([6, 1])), reply(words([0, 1], tail))]),
    workload("start", "", [orig(START), reply(words([0, 5000], tail))], 1),
  ];
}

const WORKLOADS: Workload[] = [
  calls,
  workload(
    "start",
    "START and its successful reply: expectation",
    [orig(START), reply(START_REPLY)],
    1,
  ),
  workload("start-refused", "START and a refused reply (status 11, SANE_STATUS_ACCESS_DENIED)", [
    orig(START),
    reply(words([11, 0])),
  ]),
  workload(
    "nat-start",
    "START and its reply under source NAT: expectation, nothing rewritten",
    [orig(START), reply(START_REPLY)],
    1,
    true,
  ),
  workload("other-lengths", "requests of other lengths (INIT, OPEN, GET_DEVICES): never read", [
    orig(words([0, 0x01000003, 6], Uint8Array.of(0x73, 0x61, 0x6e, 0x65, 0x64, 0))),
    orig(
      words(
        [2, 15],
        Uint8Array.from("pixma:04A9176D\0", (c) => c.charCodeAt(0)),
      ),
    ),
    orig(words([1])),
  ]),
  workload(
    "max-segment-64k",
    "a 65000-byte reply (option descriptors) after GET_OPTION_DESCRIPTORS",
    [orig(words([4, 1])), reply(words([0, 3], new Uint8Array(65000 - 8)))],
  ),
];

export const saneBenchSuite: BenchSuite = {
  name: "sane",
  helper: saneHelper,
  spec: saneSpec,
  connection: (w) => ({
    helper: "sane",
    l4: "tcp",
    client: CLIENT,
    server: SERVER,
    config: {},
    ...(w.nat ? { nat: { client: { addr: CLIENT_AS_SEEN } } } : {}),
  }),
  workloads: WORKLOADS,
  sized,
  perConnection: calls,
};

// TFTP benchmark workloads. The TFTP helper reads only a datagram's 2-byte opcode (RRQ or
// WRQ expect the server's answer), so it is a prefix-check helper: its floor reads the
// first bytes and the last byte. UDP: no stream position, every datagram is looked at.

import { tftpHelper } from "../helpers/tftp/index.ts";
import { tftpSpec } from "../helpers/tftp/spec/index.ts";
import type { BenchSegment, BenchSuite, Workload } from "./core/workload.ts";

const CLIENT = { addr: "10.0.0.2", port: 40000 };
const SERVER = { addr: "203.0.113.5", port: 69 };
const CLIENT_AS_SEEN = "198.51.100.7";

/** opcode (big-endian), then the rest as text with "\0" for NUL. */
function datagram(opcode: number, rest: string): Uint8Array {
  return Uint8Array.from([opcode >> 8, opcode & 0xff, ...Array.from(rest, (c) => c.charCodeAt(0))]);
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

const RRQ = datagram(1, "pxelinux.0\0octet\0blksize\x001468\0");
const WRQ = datagram(2, "router-confg\0octet\0");

const others = workload("others", "DATA, ACK, ERROR, OACK both ways (no request)", [
  reply(datagram(3, `\0\x01${"d".repeat(512)}`)),
  orig(datagram(4, "\0\x01")),
  reply(datagram(6, "blksize\x001468\0")),
  reply(datagram(5, "\0\x01File not found\0")),
]);

const WORKLOADS: Workload[] = [
  others,
  workload("rrq", "read request: expectation", [orig(RRQ)], 1),
  workload("wrq", "write request: expectation", [orig(WRQ)], 1),
  workload("request-from-server", "RRQ in the reply direction: expectation too", [reply(RRQ)], 1),
  workload("nat-rrq", "read request under source NAT: expectation", [orig(RRQ)], 1, true),
  // Datagrams shorter than the opcode are left out: the floor reads 4 bytes, and reads
  // past the end would change the floor loop's compiled code for every later workload.
  workload("unknown-opcodes", "opcodes 0, 7 and 0x0102 (RRQ's bytes swapped)", [
    orig(datagram(0, "\0\x01")),
    orig(datagram(7, "xx")),
    orig(datagram(0x0102, "pxelinux.0\0octet\0")),
  ]),
  workload("max-datagram-64k", "a 65507-byte DATA datagram", [
    reply(datagram(3, `\0\x02${"d".repeat(65507 - 4)}`)),
  ]),
];

function sized(size: number): Workload[] {
  return [
    workload("data", "", [reply(datagram(3, `\0\x01${"d".repeat(Math.max(0, size - 4))}`))]),
    workload("rrq", "", [orig(datagram(1, `${"f".repeat(Math.max(1, size - 9))}\0octet\0`))], 1),
  ];
}

export const tftpBenchSuite: BenchSuite = {
  name: "tftp",
  helper: tftpHelper,
  spec: tftpSpec,
  connection: (w) => ({
    helper: "tftp",
    l4: "udp",
    client: CLIENT,
    server: SERVER,
    config: {},
    ...(w.nat ? { nat: { client: { addr: CLIENT_AS_SEEN } } } : {}),
  }),
  workloads: WORKLOADS,
  sized,
  perConnection: others,
};

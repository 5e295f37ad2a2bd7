// snmp benchmark workloads. Under source NAT the helper BER-decodes the whole datagram and
// rewrites inside IpAddresses, so it is a scan helper (the floor reads every byte); without
// NAT it only checks ports and the NAT flag.

import { snmpHelper } from "../helpers/snmp/index.ts";
import { snmpSpec } from "../helpers/snmp/spec/index.ts";
import type { BenchSegment, BenchSuite, Workload } from "./core/workload.ts";

const CLIENT = { addr: "10.0.0.2", port: 40000 };
const SERVER = { addr: "203.0.113.5", port: 161 };
const CLIENT_AS_SEEN = "198.51.100.1";

function tlv(tag: number, body: number[]): number[] {
  const n = body.length;
  return [tag, ...(n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff]), ...body];
}
const OID = tlv(0x06, [0x2b, 6, 1, 2, 1, 4, 20, 1, 1, 10, 0, 0, 2]);
const INSIDE = tlv(0x40, [10, 0, 0, 2]);
const NULL = tlv(0x05, []);

/** A v2c message with `binds` varbinds of `value`. */
function message(pduTag: number, binds: number, value: number[]): Uint8Array {
  const list = Array.from({ length: binds }, () => tlv(0x30, [...OID, ...value])).flat();
  const pdu = tlv(pduTag, [2, 1, 7, 2, 1, 0, 2, 1, 0, ...tlv(0x30, list)]);
  return Uint8Array.from(tlv(0x30, [2, 1, 1, ...tlv(0x04, [0x70, 0x75, 0x62]), ...pdu]));
}

const RESPONSE = message(0xa2, 2, INSIDE);
const REQUEST = message(0xa0, 4, NULL);
const MALFORMED = message(0xa2, 1, tlv(0x40, [10, 0, 0]));
const orig = (data: Uint8Array, drops = false): BenchSegment => ({ dir: "orig", data, drops });
const reply = (data: Uint8Array, drops = false): BenchSegment => ({ dir: "reply", data, drops });

function workload(
  name: string,
  description: string,
  packets: BenchSegment[],
  nat = true,
): Workload {
  return {
    name,
    description,
    floor: nat ? "scan" : "prefix",
    nat,
    prime: [],
    packets,
    expectationsPerCycle: 0,
  };
}

const response = workload(
  "nat-response",
  "a response with two inside IpAddresses, both rewritten",
  [reply(RESPONSE)],
);

const WORKLOADS: Workload[] = [
  response,
  workload("nat-request-response", "a get with 4 NULL varbinds, then the response", [
    orig(REQUEST),
    reply(RESPONSE),
  ]),
  workload("nat-malformed", "a response whose IpAddress has 3 bytes: DROP", [
    reply(MALFORMED, true),
  ]),
  workload("response", "a response without NAT: not decoded", [reply(RESPONSE)], false),
];

function sized(size: number): Workload[] {
  const binds = Math.max(1, Math.floor(size / (OID.length + INSIDE.length + 2)));
  const big = message(0xa2, Math.min(binds, 3000), INSIDE);
  return [
    workload("nat-response", "", [reply(big)]),
    workload("response", "", [reply(big)], false),
  ];
}

export const snmpBenchSuite: BenchSuite = {
  name: "snmp",
  helper: snmpHelper,
  spec: snmpSpec,
  connection: (w) => ({
    helper: "snmp",
    l4: "udp",
    client: CLIENT,
    server: SERVER,
    ...(w.nat ? { nat: { client: { addr: CLIENT_AS_SEEN } } } : {}),
  }),
  workloads: WORKLOADS,
  sized,
  perConnection: response,
};

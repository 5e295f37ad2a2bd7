// netbios-ns benchmark workloads. The helper never reads the payload: it checks the flow's
// route/device facts and, on a locally generated broadcast, inserts one expectation per
// ORIGINAL datagram. So it is a prefix-check helper (the floor reads the first bytes and
// the last byte); the workloads differ in the route, not the bytes.

import { netbiosNsHelper } from "../helpers/netbios-ns/index.ts";
import { netbiosNsSpec } from "../helpers/netbios-ns/spec/index.ts";
import type { BenchSegment, BenchSuite, Workload } from "./core/workload.ts";

const CLIENT = { addr: "192.168.1.7", port: 40000 };
const SERVER = { addr: "192.168.1.255", port: 137 };
const CLIENT_AS_SEEN = "198.51.100.7";

/** An RFC 1002 name query for "WORKGROUP<1d>" (the encoded name is 32 letters). */
const QUERY = Uint8Array.from([
  0x12,
  0x34,
  0x01,
  0x10,
  0,
  1,
  0,
  0,
  0,
  0,
  0,
  0,
  0x20,
  ...Array.from("FHEPFCELEHFCEPFFFACACACACACACABN", (c) => c.charCodeAt(0)),
  0,
  0,
  0x20,
  0,
  1,
]);
const orig = (data: Uint8Array): BenchSegment => ({ dir: "orig", data });
const reply = (data: Uint8Array): BenchSegment => ({ dir: "reply", data });

/** The route each workload runs on (its name's prefix picks it). */
const LOCAL_BROADCAST = {
  localOut: true,
  broadcastRoute: true,
  device: [{ broadcast: SERVER.addr, prefixLen: 24 }],
};
const FORWARDED = { ...LOCAL_BROADCAST, localOut: false };

function workload(
  name: string,
  description: string,
  packets: BenchSegment[],
  expectationsPerCycle = 0,
  nat = false,
): Workload {
  return { name, description, floor: "prefix", nat, prime: [], packets, expectationsPerCycle };
}

const query = workload("query", "a local broadcast query: PERMANENT expectation", [orig(QUERY)], 1);

const WORKLOADS: Workload[] = [
  query,
  workload(
    "query-and-answer",
    "query then an answer (reply: skipped)",
    [orig(QUERY), reply(QUERY)],
    1,
  ),
  workload("nat-query", "a local broadcast query under source NAT", [orig(QUERY)], 1, true),
  workload("forwarded-query", "a forwarded query: nothing expected", [orig(QUERY)]),
];

function sized(size: number): Workload[] {
  const data = new Uint8Array(Math.max(1, size)).fill(0x41);
  return [workload("query", "", [orig(data)], 1), workload("forwarded-query", "", [orig(data)])];
}

export const netbiosNsBenchSuite: BenchSuite = {
  name: "netbios-ns",
  helper: netbiosNsHelper,
  spec: netbiosNsSpec,
  connection: (w) => ({
    helper: "netbios-ns",
    l4: "udp",
    client: CLIENT,
    server: SERVER,
    config: w.name.startsWith("forwarded") ? FORWARDED : LOCAL_BROADCAST,
    ...(w.nat ? { nat: { client: { addr: CLIENT_AS_SEEN } } } : {}),
  }),
  workloads: WORKLOADS,
  sized,
  perConnection: query,
};

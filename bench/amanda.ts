// Amanda benchmark workloads. The Amanda helper searches every amandad datagram (reply
// direction) for "CONNECT " anywhere, then for its port tokens up to the next "\n": a
// scanning helper, whose floor is Buffer.indexOf over the same bytes. Datagrams from the
// backup server are turned down on their direction alone (prefix floor).

import { amandaHelper } from "../helpers/amanda/index.ts";
import { amandaSpec } from "../helpers/amanda/spec/index.ts";
import { orig, reply, sizedText, workloadMaker } from "./core/segments.ts";
import type { BenchSuite, Workload } from "./core/workload.ts";

const workload = workloadMaker();

const BACKUP_SERVER = { addr: "10.0.0.2", port: 850 };
const AMANDAD = { addr: "203.0.113.5", port: 10080 };
const SERVER_AS_SEEN = "198.51.100.7";

const HEAD = "Amanda 3.5 REP HANDLE 000-30E40708 SEQ 1700000000\n";
const CONNECT = `${HEAD}CONNECT DATA 50000 MESG 50001 INDEX 50002\nOPTIONS features=9ffe00;\n`;

const noConnect = workload(
  "no-connect",
  "amandad replies and acks without CONNECT (the common case)",
  "scan",
  [
    reply("Amanda 3.5 ACK HANDLE 000-30E40708 SEQ 1700000000\n"),
    reply(`${HEAD}OPTIONS features=9ffe00;maxdumps=1;hostname=db1;\n`),
    reply(`${HEAD}ERROR [host db1: access denied]\n`),
  ],
);

const WORKLOADS: Workload[] = [
  noConnect,
  workload("from-backup-server", "REQ datagrams of the backup server: never searched", "prefix", [
    orig(
      "Amanda 3.5 REQ HANDLE 000-30E40708 SEQ 1700000000\nSERVICE sendbackup\nOPTIONS features=9ffe00;\n",
    ),
  ]),
  workload(
    "connect",
    "CONNECT with DATA, MESG and INDEX: three expectations",
    "scan",
    [reply(CONNECT)],
    3,
  ),
  workload(
    "nat-connect",
    "CONNECT under source NAT: three expectations, port searches, rewrites",
    "scan",
    [reply(CONNECT)],
    3,
    true,
  ),
  workload("near-misses-4k", "4 KiB of 'CONNEC' that never completes", "scan", [
    reply(sizedText(4096, HEAD, "\n", "CONNEC ")),
  ]),
  workload(
    "long-connect-4k",
    "CONNECT whose line runs 4 KiB with no token: each token searched to the newline",
    "scan",
    [reply(sizedText(4096, `${HEAD}CONNECT `, "\n", "y"))],
  ),
  workload("max-datagram-64k", "a 65507-byte reply without CONNECT", "scan", [
    reply(sizedText(65507, HEAD, "\n", "z")),
  ]),
];

function sized(size: number): Workload[] {
  return [
    workload("no-connect", "", "scan", [reply(sizedText(size, HEAD, "\n", "z"))]),
    workload(
      "connect-late",
      "",
      "scan",
      [reply(sizedText(size, HEAD, "CONNECT DATA 50000\n", "z"))],
      1,
    ),
  ];
}

export const amandaBenchSuite: BenchSuite = {
  name: "amanda",
  helper: amandaHelper,
  spec: amandaSpec,
  connection: (w) => ({
    helper: "amanda",
    l4: "udp",
    client: BACKUP_SERVER,
    server: AMANDAD,
    config: {},
    ...(w.nat ? { nat: { client: { addr: SERVER_AS_SEEN } } } : {}),
  }),
  workloads: WORKLOADS,
  sized,
  perConnection: noConnect,
};

// FTP benchmark workloads. The FTP helper parses only a segment that starts at a remembered
// "right after a newline" position, so every workload primes each direction with one
// line and then sends complete lines back to back: each timed segment is parsed, and
// remembering the next position is part of the timed work.

import { ftpHelper } from "../helpers/ftp/index.ts";
import { ftpSpec } from "../helpers/ftp/spec/index.ts";
import { orig, reply, sizedText, workloadMaker } from "./core/segments.ts";
import type { BenchSegment, BenchSuite, Workload } from "./core/workload.ts";

const CLIENT = { addr: "10.0.0.2", port: 40000 };
const SERVER = { addr: "203.0.113.5", port: 21 };
const CLIENT_AS_SEEN = "198.51.100.7";

const PRIME: BenchSegment[] = [reply("220 FTP server ready.\r\n"), orig("USER anonymous\r\n")];
const workload = workloadMaker(PRIME);

const PORT = "PORT 10,0,0,2,156,64\r\n";
const PASV = "227 Entering Passive Mode (203,0,113,5,195,80).\r\n";

const commands = workload(
  "commands",
  "client control commands that carry no PORT/EPRT (the common case)",
  "prefix",
  [
    "CWD /pub/linux\r\n",
    "TYPE I\r\n",
    "PASV\r\n",
    "RETR linux-6.18.tar.xz\r\n",
    "NOOP\r\n",
    "LIST -la\r\n",
    "PWD\r\n",
    "SIZE linux-6.18.tar.xz\r\n",
  ].map((t) => orig(t)),
);

const replies = workload(
  "replies",
  "server replies other than 227/229 (the common case)",
  "prefix",
  [
    "250 CWD command successful.\r\n",
    "200 Switching to Binary mode.\r\n",
    "150 Opening BINARY mode data connection.\r\n",
    "226 Transfer complete.\r\n",
    '257 "/pub" is the current directory\r\n',
    "213 1048576\r\n",
  ].map(reply),
);

const WORKLOADS: Workload[] = [
  commands,
  replies,
  workload("port", "PORT naming the client: expectation", "scan", [orig(PORT)], 1),
  workload(
    "eprt",
    "EPRT |1|addr|port|: expectation",
    "scan",
    [orig("EPRT |1|10.0.0.2|40001|\r\n")],
    1,
  ),
  workload("pasv-227", "227 reply naming the server: expectation", "scan", [reply(PASV)], 1),
  workload(
    "epsv-229",
    "229 (|||port|): expectation",
    "scan",
    [reply("229 Entering Extended Passive Mode (|||50000|)\r\n")],
    1,
  ),
  workload(
    "nat-port",
    "PORT under source NAT: expectation, port search, rewrite",
    "scan",
    [orig(PORT)],
    1,
    true,
  ),
  workload(
    "nat-pasv-227",
    "227 under source NAT: expectation, rewrite",
    "scan",
    [reply(PASV)],
    1,
    true,
  ),
  workload("near-misses", "lines one byte away from a keyword, both directions", "prefix", [
    orig("POR \r\n"),
    orig("PORX 10,0,0,2,156,64\r\n"),
    orig(" PORT 10,0,0,2,156,64\r\n"),
    orig("EPRX |1|10.0.0.2|40001|\r\n"),
    orig("P0RT 10,0,0,2,156,64\r\n"),
    reply("227-Entering Passive Mode\r\n"),
    reply("228 (203,0,113,5,195,80)\r\n"),
    reply("229-(|||50000|)\r\n"),
  ]),
  workload("long-line-4k", "a 4 KiB command line, no keyword", "prefix", [
    orig(sizedText(4096, "SITE ", "\r\n")),
  ]),
  workload("max-segment-64k", "a 64 KiB segment, no keyword", "prefix", [
    orig(sizedText(65536, "STOR ", "\r\n")),
  ]),
  workload(
    "port-digit-run-4k",
    "PORT with a 4 KiB digit run and no CR: parsed to the end, dropped, retransmitted",
    "scan",
    [orig(sizedText(4096, "PORT ", "\n", "9"), true)],
  ),
  workload(
    "pasv-227-late-digits-4k",
    "227 whose first digit comes after 4 KiB of text: scanned to it",
    "scan",
    [reply(sizedText(4096, "227 Entering Passive Mode ", "(203,0,113,5,195,80)\r\n", "z"))],
    1,
  ),
];

function sized(size: number): Workload[] {
  return [
    workload("no-keyword", "", "prefix", [orig(sizedText(size, "RETR ", "\r\n"))]),
    workload(
      "227-scan",
      "",
      "scan",
      [reply(sizedText(size, "227 ", "(203,0,113,5,195,80)\r\n", "z"))],
      1,
    ),
    workload("port-digits", "", "scan", [orig(sizedText(size, "PORT ", "\n", "9"), true)]),
  ];
}

export const ftpBenchSuite: BenchSuite = {
  name: "ftp",
  helper: ftpHelper,
  spec: ftpSpec,
  connection: (w) => ({
    helper: "ftp",
    l4: "tcp",
    client: CLIENT,
    server: SERVER,
    config: {},
    ...(w.nat ? { nat: { client: { addr: CLIENT_AS_SEEN } } } : {}),
  }),
  workloads: WORKLOADS,
  sized,
  perConnection: commands,
};

// IRC benchmark workloads. The IRC helper looks at every client→server segment on its own
// (no stream tracking): a segment that does not start with PRIVMSG is turned down on its
// first bytes, a PRIVMSG is searched for " :" up to 4095 bytes, so it is a scanning
// helper whose floor is Buffer.indexOf over the same bytes. Chatter that is no PRIVMSG is
// compared with the prefix floor instead: rejecting it on its first bytes is all the
// kernel does too, and an indexOf floor would hide a slowdown there.

import { ircHelper } from "../helpers/irc/index.ts";
import { ircSpec } from "../helpers/irc/spec/index.ts";
import { orig, reply, sizedText, workloadMaker } from "./core/segments.ts";
import type { BenchSuite, Workload } from "./core/workload.ts";

const workload = workloadMaker();

const CLIENT = { addr: "10.0.0.2", port: 40000 };
const SERVER = { addr: "198.51.100.9", port: 6667 };
const CLIENT_AS_SEEN = "203.0.113.7";
/** 10.0.0.2 as the unsigned decimal a DCC spells. */
const CLIENT_DECIMAL = "167772162";

const dcc = (type: string, rest: string) => `PRIVMSG bob :\x01DCC ${type} ${rest}\x01\r\n`;

const privmsg = workload("privmsg", "PRIVMSG without DCC (channel and private talk)", "scan", [
  orig("PRIVMSG #linux :anyone tried 6.18 on a raspberry pi yet?\r\n"),
  orig("PRIVMSG alice :see you at 8 : bring the cables\r\n"),
  orig("PRIVMSG #netfilter :conntrack -L | grep irc\r\n"),
  orig("privmsg #chan :\x01ACTION waves\x01\r\n"),
]);

const WORKLOADS: Workload[] = [
  workload("chatter", "client lines that are no PRIVMSG (the common case)", "prefix", [
    orig("PING :irc.example.net\r\n"),
    orig("PONG :irc.example.net\r\n"),
    orig("JOIN #netfilter\r\n"),
    orig("MODE #netfilter +o alice\r\n"),
    orig("NOTICE bob :\x01DCC SEND x 167772162 5000 1\x01\r\n"),
    orig("WHO #netfilter\r\n"),
  ]),
  privmsg,
  workload("server-lines", "server→client lines, DCC offers included: never examined", "prefix", [
    reply(":irc.example.net 001 bob :Welcome to the network\r\n"),
    reply(`:alice!a@host PRIVMSG bob :\x01DCC SEND f ${CLIENT_DECIMAL} 5000 9\x01\r\n`),
  ]),
  workload(
    "dcc-send-chat",
    "DCC SEND and DCC CHAT naming the client: expectation each",
    "scan",
    [
      orig(dcc("SEND", `linux-6.18.tar.xz ${CLIENT_DECIMAL} 5000 145623040`)),
      orig(dcc("CHAT", `chat ${CLIENT_DECIMAL} 5001`)),
    ],
    2,
  ),
  workload(
    "nat-dcc-send",
    "DCC SEND under source NAT: expectation, port search, rewrite",
    "scan",
    [orig(dcc("SEND", `linux-6.18.tar.xz ${CLIENT_DECIMAL} 5000 145623040`))],
    1,
    true,
  ),
  workload(
    "long-line-4k",
    "a 4 KiB PRIVMSG with no ' :' at all: searched to the 4095-byte cap",
    "scan",
    [orig(sizedText(4096, "PRIVMSG #chan ", "\r\n"))],
  ),
  workload(
    "near-misses-4k",
    "4 KiB of ' :\\x01DCC' with types the kernel does not know: every one re-searched",
    "scan",
    [orig(sizedText(4096, "PRIVMSG bob", "\r\n", " :\x01DCC RESUME "))],
  ),
  workload("spaces-4k", "4 KiB of spaces after PRIVMSG: a ' :' candidate at every byte", "scan", [
    orig(sizedText(4096, "PRIVMSG bob", "x\r\n", " ")),
  ]),
  workload(
    "max-segment-64k",
    "a 64 KiB PRIVMSG segment: only the first 4095 bytes are looked at",
    "scan",
    [orig(sizedText(65536, "PRIVMSG #chan ", "\r\n"))],
  ),
];

function sized(size: number): Workload[] {
  return [
    workload("no-colon", "", "scan", [orig(sizedText(size, "PRIVMSG #chan ", "\r\n"))]),
    workload("near-misses", "", "scan", [
      orig(sizedText(size, "PRIVMSG bob", "\r\n", " :\x01DCC X ")),
    ]),
  ];
}

export const ircBenchSuite: BenchSuite = {
  name: "irc",
  helper: ircHelper,
  spec: ircSpec,
  connection: (w) => ({
    helper: "irc",
    l4: "tcp",
    client: CLIENT,
    server: SERVER,
    config: {},
    ...(w.nat ? { nat: { client: { addr: CLIENT_AS_SEEN } } } : {}),
  }),
  workloads: WORKLOADS,
  sized,
  perConnection: privmsg,
};

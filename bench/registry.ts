// One line per helper: its benchmark suite. A new helper adds bench/<name>.ts and a line.

import { amandaBenchSuite } from "./amanda.ts";
import type { BenchSuite } from "./core/workload.ts";
import { ftpBenchSuite } from "./ftp.ts";
import { ircBenchSuite } from "./irc.ts";
import { netbiosNsBenchSuite } from "./netbios-ns.ts";
import { pptpBenchSuite } from "./pptp.ts";
import { saneBenchSuite } from "./sane.ts";
import { sipBenchSuite } from "./sip.ts";
import { snmpBenchSuite } from "./snmp.ts";
import { talkBenchSuite } from "./talk.ts";
import { tftpBenchSuite } from "./tftp.ts";

export const benchSuites: Record<string, BenchSuite> = {
  ftp: ftpBenchSuite,
  irc: ircBenchSuite,
  tftp: tftpBenchSuite,
  amanda: amandaBenchSuite,
  sane: saneBenchSuite,
  talk: talkBenchSuite,
  sip: sipBenchSuite,
  pptp: pptpBenchSuite,
  "netbios-ns": netbiosNsBenchSuite,
  snmp: snmpBenchSuite,
};

// One line per helper: its property kit (arbitraries + properties).

import { amandaKit } from "./amanda/index.ts";
import type { PropertyKit } from "./core/property.ts";
import { ftpKit } from "./ftp/index.ts";
import { ircKit } from "./irc/index.ts";
import { netbiosNsKit } from "./netbios-ns/index.ts";
import { pptpKit } from "./pptp/index.ts";
import { saneKit } from "./sane/index.ts";
import { sipKit } from "./sip/index.ts";
import { snmpKit, snmpTrapKit } from "./snmp/index.ts";
import { talkKit } from "./talk/index.ts";
import { tftpKit } from "./tftp/index.ts";

export const propertyRegistry: Record<string, PropertyKit> = {
  ftp: ftpKit,
  irc: ircKit,
  tftp: tftpKit,
  amanda: amandaKit,
  sane: saneKit,
  sip: sipKit,
  talk: talkKit,
  pptp: pptpKit,
  "netbios-ns": netbiosNsKit,
  snmp: snmpKit,
  "snmp-trap": snmpTrapKit,
};

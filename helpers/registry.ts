// One line per helper: its fast helper and its reference spec model.

import { amandaHelper } from "./amanda/index.ts";
import { amandaBehaviours } from "./amanda/spec/behaviours.ts";
import { amandaSpec, amandaSpecTrace } from "./amanda/spec/index.ts";
import type { HelperDefinition } from "./core/helper.ts";
import type { Flow, Outcome, Trace } from "./core/model.ts";
import { ftpHelper } from "./ftp/index.ts";
import { ftpBehaviours } from "./ftp/spec/behaviours.ts";
import { ftpSpec, ftpSpecTrace } from "./ftp/spec/index.ts";
import { ircHelper } from "./irc/index.ts";
import { ircBehaviours } from "./irc/spec/behaviours.ts";
import { ircSpec, ircSpecTrace } from "./irc/spec/index.ts";
import { netbiosNsHelper } from "./netbios-ns/index.ts";
import { netbiosNsBehaviours } from "./netbios-ns/spec/behaviours.ts";
import { netbiosNsSpec, netbiosNsSpecTrace } from "./netbios-ns/spec/index.ts";
import { pptpHelper } from "./pptp/index.ts";
import { pptpBehaviours } from "./pptp/spec/behaviours.ts";
import { pptpSpec, pptpSpecTrace } from "./pptp/spec/index.ts";
import { saneHelper } from "./sane/index.ts";
import { saneBehaviours } from "./sane/spec/behaviours.ts";
import { saneSpec, saneSpecTrace } from "./sane/spec/index.ts";
import { sipHelper } from "./sip/index.ts";
import { sipBehaviours } from "./sip/spec/behaviours.ts";
import { sipSpec, sipSpecTrace } from "./sip/spec/index.ts";
import { snmpHelper, snmpTrapHelper } from "./snmp/index.ts";
import { snmpBehaviours, snmpTrapBehaviours } from "./snmp/spec/behaviours.ts";
import { snmpSpec, snmpSpecTrace, snmpTrapSpec, snmpTrapSpecTrace } from "./snmp/spec/index.ts";
import { talkHelper } from "./talk/index.ts";
import { talkBehaviours } from "./talk/spec/behaviours.ts";
import { talkSpec, talkSpecTrace } from "./talk/spec/index.ts";
import { tftpHelper } from "./tftp/index.ts";
import { tftpBehaviours } from "./tftp/spec/behaviours.ts";
import { tftpSpec, tftpSpecTrace } from "./tftp/spec/index.ts";

export interface RegisteredHelper {
  // biome-ignore lint/suspicious/noExplicitAny: each helper has its own config and state types
  helper: HelperDefinition<any, any>;
  /** The reference spec model: an independent flow → outcome function. */
  spec: (flow: Flow) => Outcome;
  specTrace?: (flow: Flow) => Trace;
  /** The behaviour classes of the spec model (helpers/spec-core/behaviour.ts) its
   * generators are meant to reach: a judged campaign that never reaches one fails (exit 3). */
  behaviours?: readonly string[];
}

export const helperRegistry: Record<string, RegisteredHelper> = {
  ftp: { helper: ftpHelper, spec: ftpSpec, specTrace: ftpSpecTrace, behaviours: ftpBehaviours },
  irc: { helper: ircHelper, spec: ircSpec, specTrace: ircSpecTrace, behaviours: ircBehaviours },
  tftp: {
    helper: tftpHelper,
    spec: tftpSpec,
    specTrace: tftpSpecTrace,
    behaviours: tftpBehaviours,
  },
  amanda: {
    helper: amandaHelper,
    spec: amandaSpec,
    specTrace: amandaSpecTrace,
    behaviours: amandaBehaviours,
  },
  sane: {
    helper: saneHelper,
    spec: saneSpec,
    specTrace: saneSpecTrace,
    behaviours: saneBehaviours,
  },
  sip: { helper: sipHelper, spec: sipSpec, specTrace: sipSpecTrace, behaviours: sipBehaviours },
  talk: {
    helper: talkHelper,
    spec: talkSpec,
    specTrace: talkSpecTrace,
    behaviours: talkBehaviours,
  },
  pptp: {
    helper: pptpHelper,
    spec: pptpSpec,
    specTrace: pptpSpecTrace,
    behaviours: pptpBehaviours,
  },
  "netbios-ns": {
    helper: netbiosNsHelper,
    spec: netbiosNsSpec,
    specTrace: netbiosNsSpecTrace,
    behaviours: netbiosNsBehaviours,
  },
  snmp: {
    helper: snmpHelper,
    spec: snmpSpec,
    specTrace: snmpSpecTrace,
    behaviours: snmpBehaviours,
  },
  "snmp-trap": {
    helper: snmpTrapHelper,
    spec: snmpTrapSpec,
    specTrace: snmpTrapSpecTrace,
    behaviours: snmpTrapBehaviours,
  },
};

// The snmp and snmp-trap property kits: SNMP flows, the universal properties for a UDP
// helper.

import type { PropertyKit } from "../core/property.ts";
import { universalProperties } from "../core/universal/index.ts";
import { SNMP_HELPER, SNMP_TRAP_HELPER, snmpFlow } from "./snmp-flow.ts";

const flows = snmpFlow(SNMP_HELPER);
const trapFlows = snmpFlow(SNMP_TRAP_HELPER);

export const snmpKit: PropertyKit = {
  helper: "snmp",
  flows,
  properties: universalProperties({ flows, helper: SNMP_HELPER }),
};

export const snmpTrapKit: PropertyKit = {
  helper: "snmp-trap",
  flows: trapFlows,
  properties: universalProperties({ flows: trapFlows, helper: SNMP_TRAP_HELPER }),
};

// The snmp and snmp-trap property kits: SNMP flows, the universal properties for a UDP
// helper, and the NAT half's own rule (nat-rewrites-only-inside-addresses).

import type { PropertyKit } from "../core/property.ts";
import { universalProperties } from "../core/universal/index.ts";
import { natRewritesOnlyInsideAddresses } from "./nat-rewrites-only-inside-addresses.ts";
import { SNMP_HELPER, SNMP_TRAP_HELPER, snmpFlow } from "./snmp-flow.ts";

const flows = snmpFlow(SNMP_HELPER);
const trapFlows = snmpFlow(SNMP_TRAP_HELPER);

export const snmpProperties = [
  ...universalProperties({ flows, helper: SNMP_HELPER }),
  natRewritesOnlyInsideAddresses(flows),
];

export const snmpTrapProperties = [
  ...universalProperties({ flows: trapFlows, helper: SNMP_TRAP_HELPER }),
  natRewritesOnlyInsideAddresses(trapFlows),
];

export const snmpKit: PropertyKit = { helper: "snmp", flows, properties: snmpProperties };

export const snmpTrapKit: PropertyKit = {
  helper: "snmp-trap",
  flows: trapFlows,
  properties: snmpTrapProperties,
};

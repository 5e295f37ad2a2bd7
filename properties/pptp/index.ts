// The PPTP property kit: PPTP control connections, the universal properties for a TCP
// helper whose NAT half rewrites 2 bytes for 2 (no sequence adjustment), and the PPTP ones.

import type { PropertyKit } from "../core/property.ts";
import { universalProperties } from "../core/universal/index.ts";
import { grePinholeOnlyAfterConnected } from "./gre-pinhole-only-after-connected.ts";
import { natCallIdConsistent } from "./nat-call-id-consistent.ts";
import { noPinholeOutOfState } from "./no-pinhole-out-of-state.ts";
import { PPTP_HELPER, pptpFlow } from "./pptp-flow.ts";

const flows = pptpFlow();

export const pptpProperties = [
  ...universalProperties({ flows, helper: PPTP_HELPER }),
  grePinholeOnlyAfterConnected(flows),
  noPinholeOutOfState(flows),
  natCallIdConsistent(pptpFlow({ nat: true })),
];

export const pptpKit: PropertyKit = { helper: "pptp", flows, properties: pptpProperties };

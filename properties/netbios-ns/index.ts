// The netbios-ns property kit: NetBIOS-NS flows with every route/device case, the universal
// properties for a UDP helper, and the netbios-ns-specific one.

import type { PropertyKit } from "../core/property.ts";
import { universalProperties } from "../core/universal/index.ts";
import { NETBIOS_NS_HELPER, netbiosNsFlow } from "./netbios-flow.ts";
import { bytesFlowConfig } from "./netbios-route.ts";
import { pinholeFollowsRoute } from "./pinhole-follows-route.ts";

const flows = netbiosNsFlow();

export const netbiosNsProperties = [
  ...universalProperties({
    flows,
    helper: NETBIOS_NS_HELPER,
    skeleton: { config: bytesFlowConfig() },
  }),
  pinholeFollowsRoute(flows),
];

export const netbiosNsKit: PropertyKit = {
  helper: "netbios-ns",
  flows,
  properties: netbiosNsProperties,
};

import type { HelperDefinition } from "../../helpers/core/helper.ts";
import type { L4 } from "../../helpers/core/model.ts";

/** The SIP helper's static facts a flow needs (what helpers/sip registers, per the SIP
 * contract): UDP and TCP, port 5060, IPv4 and IPv6. */
export const SIP_HELPER: Pick<HelperDefinition, "name" | "l4" | "defaultPort" | "families"> & {
  transports: readonly L4[];
} = {
  name: "sip",
  l4: "udp",
  transports: ["udp", "tcp"],
  defaultPort: 5060,
  families: [4, 6],
};

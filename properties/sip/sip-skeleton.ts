import fc from "fast-check";
import type { Family } from "../../helpers/core/helper.ts";
import { clientPort } from "../core/endpoint.ts";
import { type FlowSkeleton, flowSkeleton, type SkeletonOptions } from "../core/flow-skeleton.ts";
import { SIP_HELPER } from "./sip-helper.ts";

/** A SIP connection: UDP or TCP, IPv4 or IPv6, NAT about half the time. The client port is
 * often 5060 (phones bind it: then a URI without a port names the client, which is what makes
 * nf_nat_sip add ":5060" to From) or a neighbour of it, else ephemeral. */
export function sipSkeleton(
  options: SkeletonOptions & { l4?: "udp" | "tcp"; families?: Family[] } = {},
): fc.Arbitrary<FlowSkeleton> {
  const transports = options.l4 ? [options.l4] : SIP_HELPER.transports;
  const port = fc.oneof(
    { weight: 5, arbitrary: clientPort() },
    { weight: 1, arbitrary: fc.constantFrom(5060, 5061, 5062, 5070) },
  );
  return fc
    .tuple(
      flowSkeleton({ ...SIP_HELPER, families: options.families ?? SIP_HELPER.families }, options),
      fc.constantFrom(...transports),
      port,
    )
    .map(([skeleton, l4, cport]) => ({
      ...skeleton,
      l4,
      client: { ...skeleton.client, port: cport },
    }));
}

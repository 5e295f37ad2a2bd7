// Everything of a flow but its segments: the connection a helper is attached to.

import fc from "fast-check";
import type { Family, HelperDefinition } from "../../helpers/core/helper.ts";
import type { Flow } from "../../helpers/core/model.ts";
import { clientPort, endpointOfFamily } from "./endpoint.ts";
import { testAddressOfFamily } from "./test-addresses.ts";

export type FlowSkeleton = Omit<Flow, "segments"> & { family: Family };

export interface SkeletonOptions {
  /** Helper options to try; absent = no config. */
  config?: fc.Arbitrary<Record<string, unknown> | undefined>;
  /** true = always source NAT, false = never, absent = about half the flows. */
  nat?: boolean;
}

/** Client and server of one family; source NAT to another test address of that family
 * about half the time. The server listens on the helper's default port. */
const SAME_AS_CLIENT = "same-as-client";

export function flowSkeleton(
  helper: Pick<HelperDefinition, "name" | "l4" | "defaultPort" | "families" | "transports">,
  options: SkeletonOptions = {},
): fc.Arbitrary<FlowSkeleton> {
  const config = options.config ?? fc.constant(undefined);
  const ofFamily = (family: Family) =>
    fc
      .record({
        client: endpointOfFamily(family, clientPort(), "client"),
        server: endpointOfFamily(family, fc.constant(helper.defaultPort), "server"),
        natAddress:
          options.nat === false
            ? fc.constant(null)
            : options.nat === true
              ? testAddressOfFamily(family)
              : fc.option(
                  fc.oneof(
                    { weight: 9, arbitrary: testAddressOfFamily(family) },
                    // SNAT onto the client's own address: the kernel sees no NAT at all.
                    { weight: 1, arbitrary: fc.constant(SAME_AS_CLIENT) },
                  ),
                  { freq: 2 },
                ),
        config,
      })
      .filter(
        ({ client, server, natAddress }) =>
          client.addr !== server.addr &&
          (options.nat !== true || (natAddress !== client.addr && natAddress !== server.addr)),
      )
      .map(({ client, server, natAddress, config: chosen }): FlowSkeleton => {
        const skeleton: FlowSkeleton = {
          helper: helper.name,
          l4: helper.l4,
          family,
          client,
          server,
        };
        if (chosen !== undefined) skeleton.config = chosen;
        if (natAddress === SAME_AS_CLIENT) {
          skeleton.nat = { client: { addr: client.addr } };
        } else if (
          natAddress !== null &&
          natAddress !== client.addr &&
          natAddress !== server.addr
        ) {
          skeleton.nat = { client: { addr: natAddress } };
        }
        return skeleton;
      });
  const skeletons = fc.oneof(...helper.families.map(ofFamily));
  // A helper on several transports (SIP): each flow picks one. Single-transport helpers
  // draw nothing extra, so their seeds give the flows they always gave.
  const transports = helper.transports ?? [helper.l4];
  if (transports.length < 2) return skeletons;
  return fc
    .tuple(skeletons, fc.constantFrom(...transports))
    .map(([skeleton, l4]) => ({ ...skeleton, l4 }));
}

export function withSegments(skeleton: FlowSkeleton, segments: Flow["segments"]): Flow {
  const { family: _family, ...rest } = skeleton;
  return { ...rest, segments };
}

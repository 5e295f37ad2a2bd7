// SNMP flows (IPv4, source NAT most of the time) on snmp (server port 161) or snmp-trap
// (162): a few datagrams either way, each a well-formed message for the inside address,
// its BER edge form, or random bytes.

import fc from "fast-check";
import type { HelperDefinition } from "../../helpers/core/helper.ts";
import type { Dir, Flow } from "../../helpers/core/model.ts";
import { arbitraryBytes } from "../core/bytes-flow.ts";
import { flowSkeleton } from "../core/flow-skeleton.ts";
import { berEdgeOf } from "./snmp-ber-edge.ts";
import { snmpMessage } from "./snmp-pdu.ts";

export const SNMP_HELPER: Pick<HelperDefinition, "name" | "l4" | "defaultPort" | "families"> = {
  name: "snmp",
  l4: "udp",
  defaultPort: 161,
  families: [4],
};

export const SNMP_TRAP_HELPER: Pick<HelperDefinition, "name" | "l4" | "defaultPort" | "families"> =
  {
    ...SNMP_HELPER,
    name: "snmp-trap",
    defaultPort: 162,
  };

const direction = fc.constantFrom<Dir>("orig", "reply");

export function snmpFlow(helper = SNMP_HELPER): fc.Arbitrary<Flow> {
  return fc
    .tuple(
      flowSkeleton(helper, {}),
      fc.oneof(
        { weight: 1, arbitrary: fc.constant(helper.defaultPort === 162 ? 162 : 161) },
        { weight: 9, arbitrary: fc.constant(null) },
      ),
      fc.record({
        localOut: fc.boolean(),
        broadcastRoute: fc.boolean(),
        prefixLen: fc.integer({ min: 0, max: 32 }),
        matches: fc.boolean(),
      }),
    )
    .chain(([skeleton, clientPort, route]) => {
      // snmp only: the broadcast core's facts, the device's broadcast the server or another.
      const config =
        helper.name === "snmp"
          ? {
              localOut: route.localOut,
              broadcastRoute: route.broadcastRoute,
              device: [
                {
                  broadcast: route.matches ? skeleton.server.addr : "192.0.2.255",
                  prefixLen: route.prefixLen,
                },
              ],
            }
          : undefined;
      const message = snmpMessage(skeleton.client.addr);
      const datagram = fc.oneof(
        { weight: 4, arbitrary: message },
        { weight: 4, arbitrary: berEdgeOf(message) },
        { weight: 1, arbitrary: arbitraryBytes() },
      );
      return fc.array(fc.tuple(direction, datagram), { minLength: 1, maxLength: 4 }).map((list) => {
        const { family: _family, ...rest } = skeleton;
        const flow: Flow = {
          ...rest,
          client: clientPort === null ? rest.client : { ...rest.client, port: clientPort },
          segments: list.map(([dir, data]) => ({ dir, data })),
        };
        if (config !== undefined) flow.config = config;
        return flow;
      });
    });
}

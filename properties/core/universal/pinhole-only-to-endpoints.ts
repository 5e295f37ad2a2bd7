import type fc from "fast-check";
import { canonicalAddress } from "../../../helpers/core/address.ts";
import type { Flow } from "../../../helpers/core/model.ts";
import { expectationText } from "../outcome-text.ts";
import type { FlowProperty } from "../property.ts";

/** The flow's hosts as either peer can see them: client, its NAT address, server. */
export function flowEndpoints(flow: Flow): Set<string> {
  const hosts = [flow.client.addr, flow.server.addr];
  if (flow.nat) hosts.push(flow.nat.client.addr);
  return new Set(hosts.map(canonicalAddress));
}

/** @param payloadNamesDestination flows whose helper, by its source, takes an expectation's
 * destination from the payload (talk's LOOK_UP answer); their dst is not checked, like
 * config.loose. The helper's own property then checks that dst is the one named. */
export function pinholeOnlyToEndpoints(
  flows: fc.Arbitrary<Flow>,
  payloadNamesDestination: (flow: Flow) => boolean = () => false,
): FlowProperty {
  return {
    name: "pinhole-only-to-endpoints",
    description:
      "Every expectation's src is the client, its NAT address, the server or a wildcard, and so is its dst unless config.loose is set.",
    arbitrary: flows,
    check(flow, { target }) {
      // loose lets the payload pick the destination, never the source.
      const anyDestination = flow.config?.loose === true || payloadNamesDestination(flow);
      const endpoints = flowEndpoints(flow);
      const outcome = target.run(flow);
      outcome.expectations.forEach((e, i) => {
        const badDst = !anyDestination && !endpoints.has(e.dst);
        const offender = badDst ? "dst" : e.src !== null && !endpoints.has(e.src) ? "src" : null;
        if (offender) {
          throw new Error(
            `expectation #${i} ${expectationText(e)}: ${offender} is not an endpoint of the flow (${[...endpoints].join(", ")})`,
          );
        }
      });
    },
  };
}

// SANE's first security property: the only pinhole is the client's own data connection to
// the server it dialled, from any client port. There is no NAT helper, so under source NAT
// too the expectation names the client's real address (it matches the data connection
// before it is translated), never the NAT address, and never a host the payload names.

import type fc from "fast-check";
import { canonicalAddress } from "../../helpers/core/address.ts";
import type { Flow } from "../../helpers/core/model.ts";
import { expectationText } from "../core/outcome-text.ts";
import type { FlowProperty } from "../core/property.ts";

export function expectationTargetsServer(flows: fc.Arbitrary<Flow>): FlowProperty {
  return {
    name: "expectation-targets-server",
    description:
      "Every expectation is tcp from the client's own address (any port; never its NAT address) to the server's address.",
    arbitrary: flows,
    check(flow, { target }) {
      const client = canonicalAddress(flow.client.addr);
      const server = canonicalAddress(flow.server.addr);
      target.run(flow).expectations.forEach((e, i) => {
        if (e.l4 === "tcp" && e.src === client && e.sport === null && e.dst === server) return;
        const wanted = expectationText({
          l4: "tcp",
          src: client,
          sport: null,
          dst: server,
          dport: e.dport,
        });
        throw new Error(`expectation #${i} is ${expectationText(e)}, not ${wanted}`);
      });
    },
  };
}

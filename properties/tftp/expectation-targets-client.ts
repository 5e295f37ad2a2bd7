// TFTP's security property: whatever the payload says (a filename can be any text, even an
// address), the only pinhole is the server's answer to the client's own port, at the
// address the server sees (the NAT address under source NAT).

import type fc from "fast-check";
import { canonicalAddress } from "../../helpers/core/address.ts";
import type { Flow } from "../../helpers/core/model.ts";
import { expectationText } from "../core/outcome-text.ts";
import type { FlowProperty } from "../core/property.ts";

export function expectationTargetsClient(flows: fc.Arbitrary<Flow>): FlowProperty {
  return {
    name: "expectation-targets-client",
    description:
      "Every expectation is udp from the server (any port) to the client's post-NAT address and its own port, whatever the payload names.",
    arbitrary: flows,
    check(flow, { target }) {
      const server = canonicalAddress(flow.server.addr);
      const client = canonicalAddress(flow.nat?.client.addr ?? flow.client.addr);
      const wanted = `udp ${server.includes(":") ? `[${server}]` : server}:* -> ${client.includes(":") ? `[${client}]` : client}:${flow.client.port}`;
      target.run(flow).expectations.forEach((e, i) => {
        const shown = expectationText(e);
        if (shown !== wanted) throw new Error(`expectation #${i} is ${shown}, not ${wanted}`);
      });
    },
  };
}

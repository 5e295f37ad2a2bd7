import type fc from "fast-check";
import { canonicalAddress } from "../../helpers/core/address.ts";
import type { Flow } from "../../helpers/core/model.ts";
import { expectationText } from "../core/outcome-text.ts";
import type { FlowProperty } from "../core/property.ts";

/** Default config (direct media, direct signalling): kernel-helpers.md §6.5/§6.6. */
function isDefaultConfig(flow: Flow): boolean {
  const c = flow.config ?? {};
  return c.directMedia !== false && c.directSignalling !== false && c.externalMedia !== true;
}

/** With direct media and direct signalling (the defaults), every pinhole is from one
 * signalling endpoint to the other: src = the peer of the message's sender (never a
 * wildcard), dst = the sender's own address (the NAT address once rewritten), sport any. */
export function mediaPinholesFollowConfig(flows: fc.Arbitrary<Flow>): FlowProperty {
  return {
    name: "media-pinholes-follow-config",
    description:
      "With sip_direct_media and sip_direct_signalling, every expectation is from one signalling endpoint (never a wildcard) to the other's own address (or its NAT address).",
    arbitrary: flows.filter(isDefaultConfig),
    check(flow, { target }) {
      if (!isDefaultConfig(flow)) return;
      const client = canonicalAddress(flow.client.addr);
      const server = canonicalAddress(flow.server.addr);
      const seen = flow.nat ? canonicalAddress(flow.nat.client.addr) : client;
      // (src, dst): the client's SDP/REGISTER opens server -> client (as the server sees
      // it); the server's opens client -> server.
      const allowed = new Set([`${server}>${seen}`, `${server}>${client}`, `${client}>${server}`]);
      for (const e of target.run(flow).expectations) {
        if (e.src === null || e.sport !== null || !allowed.has(`${e.src}>${e.dst}`)) {
          throw new Error(
            `expectation ${expectationText(e)} is not between the signalling endpoints (client ${client}${flow.nat ? ` seen as ${seen}` : ""}, server ${server}) with a fixed source and any source port`,
          );
        }
      }
    },
  };
}

// Talk's second security property: the pinhole goes where the source says and nowhere
// else. ANNOUNCE: "expect callee client -> caller server message", UDP from the daemon's
// host to the caller's address as the daemon sees it, on the talk port itself (never a
// port or address from the payload). LOOK_UP: "expect callee client -> caller client
// connection", TCP from this connection's client to exactly the addr the opening answer
// names — under NAT moved to the daemon's address, keeping the named port
// (ip_nat_talk: `newip = ct->tuplehash[IP_CT_DIR_ORIGINAL].tuple.dst.ip`).

import type fc from "fast-check";
import { canonicalAddress } from "../../helpers/core/address.ts";
import type { Expectation, Flow } from "../../helpers/core/model.ts";
import { expectationText } from "../core/outcome-text.ts";
import type { FlowProperty } from "../core/property.ts";
import { openingAnswer, readAnswer, talkOptions } from "./talk-reading.ts";

/** Whether the flow's pinhole destination comes from the payload (universal options). */
export function lookupFlow(flow: Flow): boolean {
  return flow.config?.mode === "lookup";
}

function wantedPinhole(flow: Flow, opening: number): Expectation {
  const options = talkOptions(flow);
  const client = canonicalAddress(flow.client.addr);
  const server = canonicalAddress(flow.server.addr);
  const seenClient = canonicalAddress(flow.nat?.client.addr ?? flow.client.addr);
  const natted = seenClient !== client;
  if (!options.lookup) {
    return { l4: "udp", src: server, sport: null, dst: seenClient, dport: options.port };
  }
  const answer = readAnswer(flow.segments[opening].data, options);
  const named = answer ?? { ip: "0.0.0.0", port: 0 };
  // Under NAT the pinhole moves to the daemon's address unless the port search cannot run
  // (a named port 0: the answer is dropped and the pinhole stays as conntrack made it).
  const dst = natted && named.port !== 0 ? server : named.ip;
  return { l4: "tcp", src: client, sport: null, dst, dport: named.port };
}

export function expectationTargetsNamedAddress(flows: fc.Arbitrary<Flow>): FlowProperty {
  return {
    name: "expectation-targets-named-address",
    description:
      "An ANNOUNCE pinhole is udp from the daemon to the caller's post-NAT address on the talk port; a LOOK_UP pinhole is tcp from the client to the address:port the opening answer names (the daemon's address under NAT).",
    arbitrary: flows,
    check(flow, { target }) {
      const opening = openingAnswer(flow);
      if (opening === -1) return;
      const wanted = expectationText(wantedPinhole(flow, opening));
      target.run(flow).expectations.forEach((e, i) => {
        const shown = expectationText(e);
        if (shown !== wanted) {
          throw new Error(
            `expectation #${i} is ${shown}, not ${wanted} (opened by segment #${opening})`,
          );
        }
      });
    },
  };
}

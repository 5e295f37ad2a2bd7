// netbios-ns's own property, from nf_conntrack_broadcast_help: only a locally generated
// ORIGINAL packet on a broadcast route whose device has a primary address with that
// broadcast (mask non-zero) expects anything; each such packet creates exactly one, the
// REPLY tuple with source port 137, that address's netmask as source mask, PERMANENT.

import type fc from "fast-check";
import type { Flow } from "../../helpers/core/model.ts";
import { expectationText } from "../core/outcome-text.ts";
import type { FlowProperty } from "../core/property.ts";

interface Entry {
  broadcast: string;
  prefixLen: number;
  secondary?: boolean;
}

/** The netmask the flow's route facts give, or null when nothing is expected. */
export function routeNetmask(flow: Flow): number | null {
  const c = flow.config ?? {};
  if (c.localOut !== true || c.broadcastRoute !== true) return null;
  const device = (c.device ?? []) as Entry[];
  const first = device.find((e) => e.secondary !== true && e.broadcast === flow.server.addr);
  return first === undefined || first.prefixLen === 0 ? null : first.prefixLen;
}

export function pinholeFollowsRoute(flows: fc.Arbitrary<Flow>): FlowProperty {
  return {
    name: "pinhole-follows-route",
    description:
      "Each ORIGINAL datagram of a locally generated broadcast whose device has a primary address with that broadcast creates one PERMANENT expectation from the server's network (source mask = that netmask, source port 137) to the client as the server sees it; nothing else creates one.",
    arbitrary: flows,
    check(flow, { target }) {
      const mask = routeNetmask(flow);
      const originals = flow.segments.filter((s) => s.dir === "orig").length;
      const want = mask === null ? 0 : originals;
      const { expectations } = target.run(flow);
      const shown = expectations.map(expectationText).join("; ") || "none";
      if (expectations.length !== want) {
        throw new Error(
          `route netmask ${mask ?? "none"}, ${originals} ORIGINAL datagrams: ${want} expectations wanted, got ${expectations.length}: ${shown}`,
        );
      }
      const dst = flow.nat?.client.addr ?? flow.client.addr;
      for (const e of expectations) {
        const ok =
          e.l4 === "udp" &&
          e.src === flow.server.addr &&
          e.sport === 137 &&
          e.dst === dst &&
          e.dport === flow.client.port &&
          e.srcMask === mask &&
          e.permanent === true;
        if (!ok) {
          throw new Error(
            `expectation ${expectationText(e)} (srcMask ${e.srcMask}, permanent ${e.permanent}) is not udp ${flow.server.addr}/${mask}:137 -> ${dst}:${flow.client.port} permanent`,
          );
        }
      }
    },
  };
}

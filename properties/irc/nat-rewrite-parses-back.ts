import type fc from "fast-check";
import { canonicalAddress } from "../../helpers/core/address.ts";
import type { Flow } from "../../helpers/core/model.ts";
import { bytesText, expectationText, sameBytes } from "../core/outcome-text.ts";
import type { FlowProperty } from "../core/property.ts";
import { ipv4Number } from "./dcc-address.ts";
import { parseRewrittenDcc } from "./parse-back.ts";

export function natRewriteParsesBack(flows: fc.Arbitrary<Flow>): FlowProperty {
  return {
    name: "nat-rewrite-parses-back",
    description:
      "A rewritten DCC names the client's NAT address as one plain decimal integer and a port 1..65535 for which an expectation to that address was created.",
    arbitrary: flows,
    check(flow, { target }) {
      const outcome = target.run(flow);
      const seenAs = canonicalAddress(flow.nat?.client.addr ?? flow.client.addr);
      const decimal = String(ipv4Number(seenAs));
      outcome.segments.forEach((s, i) => {
        const input = flow.segments[i];
        if (s.verdict !== "accept" || sameBytes(input.data, s.data)) return;
        const shown = `segment #${i} "${bytesText(input.data)}" forwarded as "${bytesText(s.data)}"`;
        const dcc = parseRewrittenDcc(s.data);
        if (!dcc) throw new Error(`${shown}: the rewrite is no well-formed DCC`);
        if (dcc.address !== decimal) {
          throw new Error(
            `${shown}: names ${dcc.address}, the server sees the client as ${decimal} (${seenAs})`,
          );
        }
        const port = Number(dcc.port);
        if (String(port) !== dcc.port || port < 1 || port > 65535) {
          throw new Error(`${shown}: port "${dcc.port}" is not a plain 1..65535`);
        }
        if (!outcome.expectations.some((e) => e.dport === port && e.dst === seenAs)) {
          throw new Error(
            `${shown}: no expectation to ${seenAs}:${port} (${outcome.expectations.map(expectationText).join("; ") || "none"})`,
          );
        }
      });
    },
  };
}

import type fc from "fast-check";
import { addressBytes, canonicalAddress } from "../../helpers/core/address.ts";
import type { Flow } from "../../helpers/core/model.ts";
import { bytesText, expectationText, sameBytes } from "../core/outcome-text.ts";
import type { FlowProperty } from "../core/property.ts";
import { type DataLine, parseDataLine } from "./parse-back.ts";

/** PORT and 227 carry four address bytes; on an IPv6 connection the kernel writes the
 * first four bytes of the IPv6 address there (nf_nat_ftp prints addr->ip of the union). */
function writtenAs(address: string, kind: DataLine["kind"]): string {
  const bytes = addressBytes(address);
  if (bytes.length === 4 || kind === "EPRT") return address;
  return [...bytes.subarray(0, 4)].join(".");
}

export function natRewriteParsesBack(flows: fc.Arbitrary<Flow>): FlowProperty {
  return {
    name: "nat-rewrite-parses-back",
    description:
      "A rewritten PORT/EPRT/227/229 parses back to the address the peer sees (NAT address toward the server, server address toward the client) and to the port of an expectation created for it.",
    arbitrary: flows,
    check(flow, { target }) {
      const outcome = target.run(flow);
      outcome.segments.forEach((s, i) => {
        const input = flow.segments[i];
        if (s.verdict !== "accept" || sameBytes(input.data, s.data)) return;
        const line = parseDataLine(s.data, input.dir);
        const shown = `segment #${i} "${bytesText(input.data)}" forwarded as "${bytesText(s.data)}"`;
        if (!line) throw new Error(`${shown}: the rewrite is no well-formed PORT/EPRT/227/229`);
        const seenAs = canonicalAddress(
          input.dir === "orig" ? (flow.nat?.client.addr ?? flow.client.addr) : flow.server.addr,
        );
        if (line.address !== null && line.address !== writtenAs(seenAs, line.kind)) {
          throw new Error(`${shown}: names ${line.address}, the peer sees the sender as ${seenAs}`);
        }
        const loose = flow.config?.loose === true;
        const match = outcome.expectations.some(
          (e) => e.dport === line.port && (loose || e.dst === seenAs),
        );
        if (!match) {
          throw new Error(
            `${shown}: no expectation to ${seenAs}:${line.port} (${outcome.expectations.map(expectationText).join("; ") || "none"})`,
          );
        }
      });
    },
  };
}

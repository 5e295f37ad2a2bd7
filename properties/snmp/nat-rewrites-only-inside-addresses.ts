// snmp's own property, from nf_nat_snmp_basic: the NAT half changes nothing in a datagram but
// IpAddress values equal to the inside address (the ORIGINAL-tuple source), each replaced by
// the NAT address (the REPLY-tuple destination). So a forwarded datagram has the input's
// length, and every byte that differs lies in a 4-byte value that followed an IpAddress
// header (tag 0x40, length 4) and held the inside address, and now holds the NAT address.
// Whether a given such value is a real IpAddress is the BER decoder's business (the
// differential property judges that); this one needs no decoder, so it holds for any bytes.

import type fc from "fast-check";
import { parseIPv4 } from "../../helpers/core/address.ts";
import type { Flow } from "../../helpers/core/model.ts";
import type { FlowProperty } from "../core/property.ts";

const IP_ADDRESS_TAG = 0x40;

/** The offsets of the 4-byte values `40 04 <inside>` in `data`. */
export function insideAddressValues(data: Uint8Array, inside: Uint8Array): number[] {
  const found: number[] = [];
  for (let p = 0; p + 6 <= data.length; p++) {
    if (data[p] !== IP_ADDRESS_TAG || data[p + 1] !== 4) continue;
    if (inside.every((b, i) => data[p + 2 + i] === b)) found.push(p + 2);
  }
  return found;
}

/** Why `forwarded` is not `input` with some inside-address values replaced, or undefined. */
export function unexplainedRewrite(
  input: Uint8Array,
  forwarded: Uint8Array,
  inside: Uint8Array,
  nat: Uint8Array,
): string | undefined {
  if (forwarded.length !== input.length) {
    return `the datagram's length changed from ${input.length} to ${forwarded.length}`;
  }
  const explained = new Uint8Array(input.length);
  for (const at of insideAddressValues(input, inside)) {
    if (nat.every((b, i) => forwarded[at + i] === b)) explained.fill(1, at, at + 4);
  }
  for (let j = 0; j < input.length; j++) {
    if (forwarded[j] !== input[j] && explained[j] === 0) {
      const was = input[j].toString(16).padStart(2, "0");
      const now = forwarded[j].toString(16).padStart(2, "0");
      return `byte ${j} changed from 0x${was} to 0x${now}, outside any IpAddress of the inside address replaced by the NAT address`;
    }
  }
  return undefined;
}

export function natRewritesOnlyInsideAddresses(flows: fc.Arbitrary<Flow>): FlowProperty {
  return {
    name: "nat-rewrites-only-inside-addresses",
    description:
      "A forwarded datagram keeps its length, and differs from what was sent only where an IpAddress (0x40, length 4) held the inside address and now holds the NAT address.",
    arbitrary: flows,
    check(flow, { target }) {
      const inside = parseIPv4(flow.client.addr);
      const nat = parseIPv4(flow.nat?.client.addr ?? flow.client.addr);
      if (inside === null || nat === null) return;
      const outcome = target.run(flow);
      outcome.segments.forEach((segment, i) => {
        if (segment.verdict !== "accept") return;
        const why = unexplainedRewrite(flow.segments[i].data, segment.data, inside, nat);
        if (why !== undefined) throw new Error(`datagram ${i} (${flow.segments[i].dir}): ${why}`);
      });
    },
  };
}

// Addresses from the benchmarking/documentation ranges only (RFC 2544, 5737, 3849), so a
// generated flow replayed on a real network never names a real host.
//
// Clients and servers come from disjoint halves of those ranges: the kernel target routes
// each address to one side of its router, and an address that is a client in one flow and
// a server in the next forces it to split its batches (measured: 18 flows a batch instead
// of hundreds). Any other address (a NAT address, a third party named in a payload) may
// come from either half.

import fc from "fast-check";
import { formatIPv6 } from "../../helpers/core/address.ts";
import type { Family } from "../../helpers/core/helper.ts";

/** Which end of the control connection an address is for; "any" for everything else. */
export type AddressSide = "client" | "server" | "any";

/** Client side: 198.18.0.0/16, 192.0.2.0/24; server side: 198.19.0.0/16, 203.0.113.0/24. */
export function testIPv4Address(side: AddressSide = "any"): fc.Arbitrary<string> {
  const client = fc.oneof(
    fc.tuple(fc.nat(255), fc.nat(255)).map(([c, d]) => `198.18.${c}.${d}`),
    fc.nat(255).map((d) => `192.0.2.${d}`),
  );
  const server = fc.oneof(
    fc.tuple(fc.nat(255), fc.nat(255)).map(([c, d]) => `198.19.${c}.${d}`),
    fc.nat(255).map((d) => `203.0.113.${d}`),
  );
  return side === "client" ? client : side === "server" ? server : fc.oneof(client, server);
}

/** 2001:db8::/32 with zero groups likely, so that RFC 5952 compression matters; the third
 * group is below 0x8000 on the client side and from 0x8000 on the server side. */
export function testIPv6Address(side: AddressSide = "any"): fc.Arbitrary<string> {
  const group = fc.oneof({ weight: 2, arbitrary: fc.constant(0) }, fc.nat(0xffff));
  const third =
    side === "client"
      ? fc.oneof({ weight: 2, arbitrary: fc.constant(0) }, fc.nat(0x7fff))
      : side === "server"
        ? fc.integer({ min: 0x8000, max: 0xffff })
        : group;
  return fc.tuple(third, fc.array(group, { minLength: 5, maxLength: 5 })).map(([first, rest]) => {
    const bytes = new Uint8Array(16);
    bytes.set([0x20, 0x01, 0x0d, 0xb8]);
    [first, ...rest].forEach((value, i) => {
      bytes[4 + 2 * i] = value >> 8;
      bytes[5 + 2 * i] = value & 0xff;
    });
    return formatIPv6(bytes);
  });
}

export function testAddressOfFamily(
  family: Family,
  side: AddressSide = "any",
): fc.Arbitrary<string> {
  return family === 4 ? testIPv4Address(side) : testIPv6Address(side);
}

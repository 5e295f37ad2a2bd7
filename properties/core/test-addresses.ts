// Addresses from the documentation/benchmark ranges only (RFC 2544, 5737, 3849), so a
// generated flow replayed on a real network never names a real host.

import fc from "fast-check";
import { formatIPv6 } from "../../helpers/core/address.ts";
import type { Family } from "../../helpers/core/helper.ts";

/** 198.18.0.0/15, 192.0.2.0/24 or 203.0.113.0/24. */
export function testIPv4Address(): fc.Arbitrary<string> {
  return fc.oneof(
    fc
      .tuple(fc.integer({ min: 18, max: 19 }), fc.nat(255), fc.nat(255))
      .map(([b, c, d]) => `198.${b}.${c}.${d}`),
    fc.nat(255).map((d) => `192.0.2.${d}`),
    fc.nat(255).map((d) => `203.0.113.${d}`),
  );
}

/** 2001:db8::/32, with runs of zero groups likely so that RFC 5952 compression matters. */
export function testIPv6Address(): fc.Arbitrary<string> {
  const group = fc.oneof({ weight: 2, arbitrary: fc.constant(0) }, fc.nat(0xffff));
  return fc.array(group, { minLength: 6, maxLength: 6 }).map((groups) => {
    const bytes = new Uint8Array(16);
    bytes.set([0x20, 0x01, 0x0d, 0xb8]);
    groups.forEach((value, i) => {
      bytes[4 + 2 * i] = value >> 8;
      bytes[5 + 2 * i] = value & 0xff;
    });
    return formatIPv6(bytes);
  });
}

export function testAddressOfFamily(family: Family): fc.Arbitrary<string> {
  return family === 4 ? testIPv4Address() : testIPv6Address();
}

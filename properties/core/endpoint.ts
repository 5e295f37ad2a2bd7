import fc from "fast-check";
import type { Family } from "../../helpers/core/helper.ts";
import type { Endpoint } from "../../helpers/core/model.ts";
import { type AddressSide, testAddressOfFamily } from "./test-addresses.ts";

/** An ephemeral-range client port, with the extremes reachable. */
export function clientPort(): fc.Arbitrary<number> {
  return fc.oneof(fc.integer({ min: 1024, max: 65535 }), fc.constantFrom(1, 1023, 65535));
}

export function endpointOfFamily(
  family: Family,
  port: fc.Arbitrary<number>,
  side: AddressSide = "any",
): fc.Arbitrary<Endpoint> {
  return fc.record({ addr: testAddressOfFamily(family, side), port });
}

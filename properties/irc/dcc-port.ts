// How a DCC spells its port: what clients send, and the numbers the kernel's u16 truncation
// turns into something else (65536 → 0, 70000 → 4464, 2^32+5000 → 5000).

import fc from "fast-check";

/** Ports that stay what they say. */
export function plainDccPort(): fc.Arbitrary<string> {
  return fc
    .oneof(
      { weight: 6, arbitrary: fc.integer({ min: 1024, max: 65535 }) },
      { weight: 1, arbitrary: fc.integer({ min: 1, max: 1023 }) },
      { weight: 1, arbitrary: fc.constantFrom(1, 5000, 59152, 65535) },
    )
    .map(String);
}

/** Ports the kernel reads as 0: forged whatever the address. */
export function zeroDccPort(): fc.Arbitrary<string> {
  return fc.constantFrom("0", "65536", "131072", "4294967296", "00000");
}

export function dccPort(): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 12, arbitrary: plainDccPort() },
    { weight: 1, arbitrary: zeroDccPort() },
    { weight: 1, arbitrary: fc.constantFrom("70000", "4294972296", "0005000", "99999", "") },
  );
}

// How a port may be written after a token: plain, with leading zeros, 6+ digits (only 5
// are read), values that wrap at 16 bits, 0 (which stops the search), or no digits at all.

import fc from "fast-check";

export function portSpelling(): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: 1, max: 65535 }).map(String) },
    { weight: 1, arbitrary: fc.constantFrom(50000, 50001, 50002, 11003).map(String) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 9999 }))
        .map(([zeros, n]) => `${"0".repeat(zeros)}${n}`),
    },
    { weight: 1, arbitrary: fc.integer({ min: 100000, max: 9999999 }).map(String) },
    { weight: 1, arbitrary: fc.integer({ min: 65536, max: 99999 }).map(String) },
    { weight: 1, arbitrary: fc.constantFrom("0", "00000", "65536", "") },
    { weight: 1, arbitrary: fc.constantFrom(" 5000", "+5", "-1", "0x1f", "x") },
  );
}

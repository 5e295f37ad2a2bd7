import fc from "fast-check";

/** A numeric field as user agents and attackers write it: plain values, 0, the base-0
 * spellings 0x10 and 010 (16 and 8 before 2026-04, 0 and 10 after), values around UINT_MAX,
 * empty, a space before the digits, a sign. */
export function sipNumber(
  plain: fc.Arbitrary<number> = fc.constantFrom(60, 300, 3600, 7200),
): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 12, arbitrary: plain.map(String) },
    { weight: 1, arbitrary: fc.nat(100000).map(String) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        "0",
        "0x10",
        "010",
        "00",
        "4294967295",
        "4294967296",
        "4294967297",
        "18446744073709551617",
        "",
        " 60",
        "-1",
        "+5",
      ),
    },
  );
}

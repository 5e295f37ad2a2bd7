import fc from "fast-check";

/** A command keyword as clients write it, plus the spellings the kernel's case-insensitive
 * prefix match also takes ("PORTX"). */
export function commandKeyword(keyword: string): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 12, arbitrary: fc.constant(keyword) },
    { weight: 1, arbitrary: fc.constant(keyword.toLowerCase()) },
    { weight: 1, arbitrary: fc.constant(keyword[0] + keyword.slice(1).toLowerCase()) },
    { weight: 1, arbitrary: fc.constant(`${keyword}X`) },
  );
}

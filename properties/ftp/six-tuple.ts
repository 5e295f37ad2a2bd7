// The "h1,h2,h3,h4,p1,p2" argument of PORT and 227.

import fc from "fast-check";
import { type NumberSpelling, numberSpelling } from "./number-spelling.ts";

export function sixTupleText(ipv4: string, port: number, spellings: NumberSpelling[]): string {
  const fields = [...ipv4.split(".").map(Number), port >> 8, port & 0xff];
  return fields.map((value, i) => spellings[i](value)).join(",");
}

/** Six field spellings, each mostly plain. */
export function sixTupleSpellings(): fc.Arbitrary<NumberSpelling[]> {
  return fc.array(numberSpelling(256), { minLength: 6, maxLength: 6 });
}

/** Six plain fields: the numbers mean exactly the address and port they were made from. */
export function plainSixTupleSpellings(): fc.Arbitrary<NumberSpelling[]> {
  return fc.constant(Array.from({ length: 6 }, () => (v: number) => String(v)));
}

// How a number is written in a PORT/227 field or an EPRT/229 port: usually plainly, sometimes
// with leading zeros, empty (for 0), wrapped past the field's width, or replaced by an
// edge-case value the kernel's parsers have got wrong over the years.

import fc from "fast-check";

export type NumberSpelling = (value: number) => string;

export const EDGE_NUMBERS = [
  "0",
  "1",
  "255",
  "256",
  "65535",
  "65536",
  "65537",
  "4294967295",
  "4294967296",
  "4294967297",
  "",
  "0000000000000000000001",
  "18446744073709551617",
];

const plain: NumberSpelling = (value) => String(value);

/** Mostly plain (shrinks to plain). `width` = the field's modulus for wrapped spellings. */
export function numberSpelling(width: number): fc.Arbitrary<NumberSpelling> {
  return fc.oneof(
    { weight: 20, arbitrary: fc.constant(plain) },
    {
      weight: 1,
      arbitrary: fc
        .integer({ min: 1, max: 12 })
        .map((zeros) => (v: number) => "0".repeat(zeros) + v),
    },
    { weight: 1, arbitrary: fc.constant((v: number) => (v === 0 ? "" : String(v))) },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 1, max: 3 }).map((k) => (v: number) => String(v + k * width)),
    },
    { weight: 1, arbitrary: fc.constantFrom(...EDGE_NUMBERS).map((text) => () => text) },
  );
}

/** A port: mostly a real one, sometimes 0 or the top of the range. */
export function dataPort(): fc.Arbitrary<number> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: 1024, max: 65535 }) },
    { weight: 1, arbitrary: fc.constantFrom(0, 1, 255, 256, 65535) },
  );
}

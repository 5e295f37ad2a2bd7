// OCTET STRING (X.691 07/2002 clause 16) and the known-multiplier character strings
// (clause 26: IA5String, NumericString, BMPString, with a permitted alphabet), ALIGNED
// variant. Characters take B bits, B the smallest power of two ≥ the bits for the
// alphabet's size (26.5.2); a character is sent as its value when the alphabet's largest
// value fits in B bits, else as its index in the alphabet (26.5.4).

import type { BitReader } from "./bit-reader.ts";
import type { BitWriter } from "./bit-writer.ts";
import { bitsFor } from "./constrained-whole-number.ts";
import {
  readLength,
  readUnconstrainedLength,
  type SizeRange,
  writeLength,
  writeUnconstrainedLength,
} from "./length.ts";
import { PerError } from "./per-error.ts";

/** A SIZE constraint, with its extension marker when it has one. */
export interface StringSize extends SizeRange {
  extensible?: boolean;
}

/** Below this a fixed size needs no length (16.7, 26.5.7: "less than 64K"). */
const FIXED_LIMIT = 65536;

const isFixed = (size: StringSize) => size.ub === size.lb && size.lb < FIXED_LIMIT;

/** The extension bit of an extensible size, then the length: none for a fixed root
 * size, the unconstrained form outside the root (the `outside` flag). */
function readCount(r: BitReader, size: StringSize): { n: number; outside: boolean } | PerError {
  const outside = size.extensible ? r.readBit() : false;
  if (outside instanceof PerError) return outside;
  const n = outside ? readUnconstrainedLength(r) : isFixed(size) ? size.lb : readLength(r, size);
  return n instanceof PerError ? n : { n, outside };
}

/** Writes the extension bit and the length (none for a fixed root size); says whether
 * the length went in the unconstrained form outside the root. */
function writeCount(w: BitWriter, n: number, size: StringSize): boolean {
  const outside = n < size.lb || (size.ub !== undefined && n > size.ub);
  if (outside && !size.extensible) throw new RangeError(`size ${n} outside its constraint`);
  if (size.extensible) w.writeBit(outside);
  if (outside) writeUnconstrainedLength(w, n);
  else if (!isFixed(size)) writeLength(w, n, size);
  return outside;
}

/** 16.6: a fixed size of at most two octets is not aligned; every other form is. */
const octetsUnaligned = (size: StringSize, outside: boolean) =>
  !outside && isFixed(size) && size.lb <= 2;

export function readOctetString(r: BitReader, size: StringSize): Uint8Array | PerError {
  const count = readCount(r, size);
  if (count instanceof PerError) return count;
  const { n, outside } = count;
  if (n === 0) return new Uint8Array();
  if (!octetsUnaligned(size, outside)) return r.readOctets(n);
  const octets = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const byte = r.readBits(8);
    if (byte instanceof PerError) return byte;
    octets[i] = byte;
  }
  return octets;
}

export function writeOctetString(w: BitWriter, octets: Uint8Array, size: StringSize): void {
  const outside = writeCount(w, octets.length, size);
  // an empty field adds no padding (see README.md: to check against a third party)
  if (octets.length === 0) return;
  if (!octetsUnaligned(size, outside)) w.writeOctets(octets);
  else for (const byte of octets) w.writeBits(byte, 8);
}

/** A permitted alphabet: its characters' values in ascending order (X.680's canonical
 * order, which gives each character its index). */
export interface Alphabet {
  size: number;
  largest: number;
  /** the character's index, or -1 when it is not in the alphabet */
  indexOf(value: number): number;
  valueAt(index: number): number;
}

/** The values lowest..highest, e.g. IA5String's 0..127 or BMPString's 0..65535. */
export function alphabetRange(lowest: number, highest: number): Alphabet {
  return {
    size: highest - lowest + 1,
    largest: highest,
    indexOf: (v) => (v >= lowest && v <= highest ? v - lowest : -1),
    valueAt: (i) => lowest + i,
  };
}

/** FROM "..." : the characters of `chars`, sorted and without repeats. */
export function alphabetOf(chars: string): Alphabet {
  const values = [...new Set(Array.from(chars, (c) => c.charCodeAt(0)))].sort((a, b) => a - b);
  return {
    size: values.length,
    largest: values[values.length - 1] ?? 0,
    indexOf: (v) => values.indexOf(v),
    valueAt: (i) => values[i] as number,
  };
}

export const IA5_ALPHABET = alphabetRange(0, 127);
export const BMP_ALPHABET = alphabetRange(0, 65535);
/** NumericString's alphabet (X.680 41.2): space and the digits. */
export const NUMERIC_ALPHABET = alphabetOf(" 0123456789");
/** H.225.0 AliasAddress.dialedDigits: IA5String (SIZE (1..128)) (FROM ("0123456789#*,")). */
export const DIALED_DIGITS_ALPHABET = alphabetOf("0123456789#*,");

/** 26.5.2 (ALIGNED): the bits per character, a power of two. */
export function bitsPerCharacter(alphabet: Alphabet): number {
  const b = bitsFor(alphabet.size);
  let power = 1;
  while (power < b) power *= 2;
  return b === 0 ? 0 : power;
}

/** 26.5.4: true when characters go as their values, false when as their indices. */
export function sendsValues(alphabet: Alphabet): boolean {
  return alphabet.largest < 2 ** bitsPerCharacter(alphabet);
}

export interface CharacterStringType {
  alphabet: Alphabet;
  size: StringSize;
}

/**
 * Octet alignment of the characters (26.5.6 to 26.5.8, ALIGNED): none when the upper
 * bound times B is at most 16 bits, else aligned; without an upper bound, or outside an
 * extensible size's root, aligned; an empty string never.
 */
function charactersAligned(type: CharacterStringType, n: number, outside: boolean): boolean {
  const ub = type.size.ub;
  // an empty field adds no padding (see README.md: to check against a third party)
  if (n === 0) return false;
  return outside || ub === undefined || ub * bitsPerCharacter(type.alphabet) > 16;
}

export function readCharacterString(r: BitReader, type: CharacterStringType): string | PerError {
  const at = r.position();
  const count = readCount(r, type.size);
  if (count instanceof PerError) return count;
  const { n, outside } = count;
  const bits = bitsPerCharacter(type.alphabet);
  // the whole string must be there before one character is decoded
  if (charactersAligned(type, n, outside)) r.align();
  if (r.bitsLeft() < n * bits) return new PerError("overrun", r.position());
  const values = sendsValues(type.alphabet);
  const codes: number[] = [];
  for (let i = 0; i < n; i++) {
    const field = r.readBits(bits) as number;
    const value = values ? field : type.alphabet.valueAt(field);
    const known = values ? type.alphabet.indexOf(field) >= 0 : field < type.alphabet.size;
    if (!known || value === undefined) return new PerError("bad-character", at);
    codes.push(value);
  }
  return String.fromCharCode(...codes);
}

export function writeCharacterString(w: BitWriter, text: string, type: CharacterStringType): void {
  const outside = writeCount(w, text.length, type.size);
  const bits = bitsPerCharacter(type.alphabet);
  if (charactersAligned(type, text.length, outside)) w.align();
  const values = sendsValues(type.alphabet);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const index = type.alphabet.indexOf(code);
    if (index < 0) throw new RangeError(`character ${code} outside the alphabet`);
    w.writeBits(values ? code : index, bits);
  }
}

// Semi-constrained and unconstrained whole numbers, X.691 10.7 and 10.8: n - lb as a
// non-negative-binary-integer (10.3), or n as a 2's-complement-binary-integer (10.4), in
// the minimum octets, after an unconstrained length determinant counting them (10.9).
// Lengths beyond 6 octets are refused ("too-long"), so every value is a safe integer.

import type { BitReader } from "./bit-reader.ts";
import type { BitWriter } from "./bit-writer.ts";
import { octetsFor, readUnsignedOctets, writeUnsignedOctets } from "./constrained-whole-number.ts";
import { readUnconstrainedLength, writeUnconstrainedLength } from "./length.ts";
import { PerError } from "./per-error.ts";

export const MAX_INTEGER_OCTETS = 6;

function readOctetCount(r: BitReader): number | PerError {
  const at = r.position();
  const octets = readUnconstrainedLength(r);
  if (octets instanceof PerError) return octets;
  // 10.7/10.8 send at least one octet; a zero length is not an encoding of any number
  if (octets === 0) return new PerError("out-of-range", at);
  if (octets > MAX_INTEGER_OCTETS) return new PerError("too-long", at);
  return octets;
}

export function readSemiConstrainedWholeNumber(r: BitReader, lb: number): number | PerError {
  const octets = readOctetCount(r);
  if (octets instanceof PerError) return octets;
  const offset = readUnsignedOctets(r, octets);
  if (offset instanceof PerError) return offset;
  return lb + offset;
}

export function writeSemiConstrainedWholeNumber(w: BitWriter, n: number, lb: number): void {
  const offset = n - lb;
  if (!Number.isSafeInteger(offset) || offset < 0 || offset >= 2 ** (8 * MAX_INTEGER_OCTETS)) {
    throw new RangeError(`${n} not in ${lb}.. within ${MAX_INTEGER_OCTETS} octets`);
  }
  const octets = octetsFor(offset);
  writeUnconstrainedLength(w, octets);
  writeUnsignedOctets(w, offset, octets);
}

export function readUnconstrainedWholeNumber(r: BitReader): number | PerError {
  const octets = readOctetCount(r);
  if (octets instanceof PerError) return octets;
  const unsigned = readUnsignedOctets(r, octets);
  if (unsigned instanceof PerError) return unsigned;
  const half = 2 ** (8 * octets - 1);
  return unsigned >= half ? unsigned - 2 * half : unsigned;
}

/** The minimum octets of n's 2's complement (10.4): -2^(8k-1) ≤ n < 2^(8k-1). */
export function signedOctetsFor(n: number): number {
  let octets = 1;
  while (n < -(2 ** (8 * octets - 1)) || n >= 2 ** (8 * octets - 1)) octets++;
  return octets;
}

export function writeUnconstrainedWholeNumber(w: BitWriter, n: number): void {
  const octets = Number.isSafeInteger(n) ? signedOctetsFor(n) : Infinity;
  if (octets > MAX_INTEGER_OCTETS) throw new RangeError(`${n} needs over 6 octets`);
  writeUnconstrainedLength(w, octets);
  writeUnsignedOctets(w, n < 0 ? n + 2 ** (8 * octets) : n, octets);
}

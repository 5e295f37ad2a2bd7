// Constrained whole numbers, X.691 10.5 (ALIGNED variant): n in lb..ub is sent as n - lb.
// range 1: nothing (10.5.4); range ≤ 255: the minimum bits, not aligned (10.5.7.1);
// range 256: one aligned octet (10.5.7.2); 257..65536: two aligned octets (10.5.7.3);
// larger: a length (1..octets of range-1) in the minimum bits, then aligned octets (10.5.7.4).

import type { BitReader } from "./bit-reader.ts";
import type { BitWriter } from "./bit-writer.ts";
import { PerError } from "./per-error.ts";

/** The largest range the octet form decodes: 6 octets keep every value a safe integer. */
export const MAX_RANGE = 2 ** 48;

/** The minimum bits that hold 0..count-1 (0 for count 1). */
export function bitsFor(count: number): number {
  let bits = 0;
  while (2 ** bits < count) bits++;
  return bits;
}

/** The minimum octets (at least one) that hold the non-negative integer v (10.3). */
export function octetsFor(v: number): number {
  let octets = 1;
  while (v >= 2 ** (8 * octets)) octets++;
  return octets;
}

function checkConstraint(lb: number, ub: number): number {
  const range = ub - lb + 1;
  if (!Number.isSafeInteger(lb) || !Number.isSafeInteger(ub) || range < 1 || range > MAX_RANGE) {
    throw new RangeError(`constraint ${lb}..${ub} is not supported`);
  }
  return range;
}

/** The octets of v, most significant first (10.3's non-negative-binary-integer). */
export function readUnsignedOctets(r: BitReader, octets: number): number | PerError {
  const bytes = r.readOctets(octets);
  if (bytes instanceof PerError) return bytes;
  let v = 0;
  for (const byte of bytes) v = v * 256 + byte;
  return v;
}

export function writeUnsignedOctets(w: BitWriter, v: number, octets: number): void {
  const bytes = new Uint8Array(octets);
  for (let i = octets - 1, rest = v; i >= 0; i--, rest = Math.floor(rest / 256)) {
    bytes[i] = rest % 256;
  }
  w.writeOctets(bytes);
}

export function readConstrainedWholeNumber(
  r: BitReader,
  lb: number,
  ub: number,
): number | PerError {
  const range = checkConstraint(lb, ub);
  const at = r.position();
  let offset: number | PerError;
  if (range === 1) return lb;
  if (range <= 255) offset = r.readBits(bitsFor(range));
  else if (range === 256) offset = readUnsignedOctets(r, 1);
  else if (range <= 65536) offset = readUnsignedOctets(r, 2);
  else {
    const maxOctets = octetsFor(range - 1);
    const length = r.readBits(bitsFor(maxOctets));
    if (length instanceof PerError) return length;
    // the field holds length - 1; a length past what the range needs is malformed
    if (length + 1 > maxOctets) return new PerError("out-of-range", at);
    offset = readUnsignedOctets(r, length + 1);
  }
  if (offset instanceof PerError) return offset;
  if (offset > range - 1) return new PerError("out-of-range", at);
  return lb + offset;
}

export function writeConstrainedWholeNumber(w: BitWriter, n: number, lb: number, ub: number): void {
  const range = checkConstraint(lb, ub);
  if (!Number.isSafeInteger(n) || n < lb || n > ub)
    throw new RangeError(`${n} not in ${lb}..${ub}`);
  const offset = n - lb;
  if (range === 1) return;
  if (range <= 255) w.writeBits(offset, bitsFor(range));
  else if (range === 256) writeUnsignedOctets(w, offset, 1);
  else if (range <= 65536) writeUnsignedOctets(w, offset, 2);
  else {
    const octets = octetsFor(offset);
    w.writeBits(octets - 1, bitsFor(octetsFor(range - 1)));
    writeUnsignedOctets(w, offset, octets);
  }
}

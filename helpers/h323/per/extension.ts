// What extensibility adds to aligned PER (X.691 2002 numbering): the extension bit of an
// extensible type or constraint; the normally small non-negative whole number (10.6) and
// the normally small length (10.9.3.4) that CHOICE indices and the extension-addition bit
// map use; open types (10.2): an unconstrained length, then octets holding a complete
// encoding (10.1.3: at least one octet), decoded by a reader confined to those octets.

import { type BitReader, bitReader } from "./bit-reader.ts";
import { type BitWriter, bitWriter } from "./bit-writer.ts";
import {
  readConstrainedWholeNumber,
  writeConstrainedWholeNumber,
} from "./constrained-whole-number.ts";
import {
  readLength,
  readUnconstrainedLength,
  type SizeRange,
  writeLength,
  writeUnconstrainedLength,
} from "./length.ts";
import { PerError } from "./per-error.ts";
import {
  readSemiConstrainedWholeNumber,
  readUnconstrainedWholeNumber,
  writeSemiConstrainedWholeNumber,
  writeUnconstrainedWholeNumber,
} from "./whole-number.ts";

/** 10.6.1: n ≤ 63 is a 0 bit then n in 6 bits; larger, a 1 bit then 10.7 with lb 0. */
export function readNormallySmall(r: BitReader): number | PerError {
  const large = r.readBit();
  if (large instanceof PerError) return large;
  return large ? readSemiConstrainedWholeNumber(r, 0) : r.readBits(6);
}

export function writeNormallySmall(w: BitWriter, n: number): void {
  if (n <= 63) {
    w.writeBit(false);
    w.writeBits(n, 6);
  } else {
    w.writeBit(true);
    writeSemiConstrainedWholeNumber(w, n, 0);
  }
}

/** 10.9.3.4: a length n ≥ 1 that is normally small: n ≤ 64 is a 0 bit then n - 1 in 6
 * bits; larger, a 1 bit then an unconstrained length. */
export function readNormallySmallLength(r: BitReader): number | PerError {
  const at = r.position();
  const large = r.readBit();
  if (large instanceof PerError) return large;
  if (!large) {
    const n = r.readBits(6);
    return n instanceof PerError ? n : n + 1;
  }
  const n = readUnconstrainedLength(r);
  if (n instanceof PerError) return n;
  return n === 0 ? new PerError("out-of-range", at) : n;
}

export function writeNormallySmallLength(w: BitWriter, n: number): void {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`normally small length ${n}`);
  if (n <= 64) {
    w.writeBit(false);
    w.writeBits(n - 1, 6);
  } else {
    w.writeBit(true);
    writeUnconstrainedLength(w, n);
  }
}

/**
 * INTEGER (lb..ub, ...) (X.691 12.1): the extension bit, then a root value as a
 * constrained whole number, or a value outside the root as an unconstrained one.
 */
export function readExtensibleInteger(r: BitReader, lb: number, ub: number): number | PerError {
  const outside = r.readBit();
  if (outside instanceof PerError) return outside;
  return outside ? readUnconstrainedWholeNumber(r) : readConstrainedWholeNumber(r, lb, ub);
}

export function writeExtensibleInteger(w: BitWriter, n: number, lb: number, ub: number): void {
  const outside = n < lb || n > ub;
  w.writeBit(outside);
  if (outside) writeUnconstrainedWholeNumber(w, n);
  else writeConstrainedWholeNumber(w, n, lb, ub);
}

/** SIZE (lb..ub, ...): the extension bit, then a root length, or an unconstrained one. */
export function readExtensibleLength(r: BitReader, size: SizeRange): number | PerError {
  const outside = r.readBit();
  if (outside instanceof PerError) return outside;
  return outside ? readUnconstrainedLength(r) : readLength(r, size);
}

export function writeExtensibleLength(w: BitWriter, n: number, size: SizeRange): void {
  const outside = n < size.lb || (size.ub !== undefined && n > size.ub);
  w.writeBit(outside);
  if (outside) writeUnconstrainedLength(w, n);
  else writeLength(w, n, size);
}

/** An open type's octets, for a value this decoder does not know (and skips). */
export function readOpenTypeOctets(r: BitReader): Uint8Array | PerError {
  const n = readUnconstrainedLength(r);
  if (n instanceof PerError) return n;
  return r.readOctets(n);
}

/** An open type decoded by `decode`, which sees only the open type's octets: whatever
 * it reads, it cannot run into what follows. */
export function readOpenType<T>(
  r: BitReader,
  decode: (inner: BitReader) => T | PerError,
): T | PerError {
  const octets = readOpenTypeOctets(r);
  if (octets instanceof PerError) return octets;
  return decode(bitReader(octets));
}

export function writeOpenType(w: BitWriter, encode: (inner: BitWriter) => void): void {
  const inner = bitWriter();
  encode(inner);
  const octets = inner.toBytes();
  // 10.1.3: an empty complete encoding is sent as one zero octet
  const complete = octets.length === 0 ? Uint8Array.of(0) : octets;
  writeUnconstrainedLength(w, complete.length);
  w.writeOctets(complete);
}

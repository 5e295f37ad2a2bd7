// A bit reader over a Uint8Array for aligned PER (X.691 10.1: bits are taken most
// significant first; octet alignment moves to the next octet boundary). Every read checks
// the end first and returns a PerError instead of touching a byte past it.

import { PerError } from "./per-error.ts";

export interface BitReader {
  /** bits read so far, counted from the reader's first octet */
  position(): number;
  /** bits left before the end */
  bitsLeft(): number;
  /** n bits (0 ≤ n ≤ 32), MSB first, as a non-negative number */
  readBits(n: number): number | PerError;
  /** one bit as a boolean (presence bits, extension bits) */
  readBit(): boolean | PerError;
  /** skip to the next octet boundary (nothing when already on one); never fails: past an
   * end inside an octet, every later read of one bit or more is refused */
  align(): void;
  /** align, then n whole octets (X.691 10.1: octet-aligned fields start on a boundary) */
  readOctets(n: number): Uint8Array | PerError;
  /** the furthest bit position any read asked for, refused reads included: a test can
   * check it never exceeds the buffer */
  furthestLook(): number;
}

/**
 * A reader over bytes; `bitLength` (default: all of them) ends it earlier, inside an
 * octet if need be, which is how the tests cut an encoding at every bit position.
 */
export function bitReader(bytes: Uint8Array, bitLength = bytes.length * 8): BitReader {
  if (!Number.isInteger(bitLength) || bitLength < 0 || bitLength > bytes.length * 8) {
    throw new RangeError(`bitLength ${bitLength} outside the ${bytes.length} octets`);
  }
  const endBit = bitLength;
  let pos = 0;
  let furthest = 0;

  // Records how far a read looked and says whether it fits; no byte is read before this.
  function fits(bits: number): boolean {
    furthest = Math.max(furthest, Math.min(pos + bits, endBit));
    return pos + bits <= endBit;
  }

  function readBits(n: number): number | PerError {
    if (!Number.isInteger(n) || n < 0 || n > 32) throw new RangeError(`readBits(${n})`);
    if (!fits(n)) return new PerError("overrun", pos);
    let value = 0;
    let left = n;
    while (left > 0) {
      const byte = bytes[pos >> 3] as number;
      const offset = pos & 7;
      const take = Math.min(8 - offset, left);
      const chunk = (byte >> (8 - offset - take)) & ((1 << take) - 1);
      // multiplication, not <<, so that 32-bit values stay non-negative
      value = value * (1 << take) + chunk;
      pos += take;
      left -= take;
    }
    return value;
  }

  return {
    position: () => pos,
    bitsLeft: () => Math.max(0, endBit - pos),
    readBits,
    readBit() {
      const bit = readBits(1);
      return typeof bit === "number" ? bit === 1 : bit;
    },
    align() {
      pos = (pos + 7) & ~7;
    },
    readOctets(n) {
      pos = (pos + 7) & ~7;
      if (!fits(n * 8)) return new PerError("overrun", pos);
      const start = pos >> 3;
      pos += n * 8;
      return bytes.subarray(start, start + n);
    },
    furthestLook: () => furthest,
  };
}

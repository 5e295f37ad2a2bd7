// The Internet checksum (RFC 1071) and the pseudo-header sums TCP and UDP add to it.

import { FlowError } from "../../helpers/core/model.ts";

/** Adds bytes as big-endian 16-bit words to a running one's-complement sum (unfolded). An
 * odd trailing byte counts as the high half of a word, as RFC 1071 pads it. */
export function sumWords(bytes: Uint8Array, initial = 0): number {
  let sum = initial;
  const even = bytes.length & ~1;
  for (let i = 0; i < even; i += 2) sum += (bytes[i] << 8) | bytes[i + 1];
  if (even !== bytes.length) sum += bytes[even] << 8;
  // Folding now and then keeps the sum an exact small integer however long the data.
  return foldCarries(sum);
}

function foldCarries(sum: number): number {
  let folded = sum;
  while (folded > 0xffff) folded = (folded & 0xffff) + Math.floor(folded / 0x10000);
  return folded;
}

/** The checksum field value: the complement of the folded sum. */
export function finishChecksum(sum: number): number {
  return ~foldCarries(sum) & 0xffff;
}

export function internetChecksum(bytes: Uint8Array): number {
  return finishChecksum(sumWords(bytes));
}

/** Sum of the IPv4 (RFC 793) or IPv6 (RFC 8200 §8.1) pseudo-header; the family follows
 * from the address length. */
export function pseudoHeaderSum(
  src: Uint8Array,
  dst: Uint8Array,
  protocol: number,
  upperLength: number,
): number {
  if (src.length !== dst.length || (src.length !== 4 && src.length !== 16)) {
    throw new FlowError("pseudo-header needs two IPv4 or two IPv6 addresses");
  }
  let sum = sumWords(dst, sumWords(src));
  if (src.length === 4) return foldCarries(sum + protocol + upperLength);
  sum += Math.floor(upperLength / 0x10000) + (upperLength & 0xffff);
  return foldCarries(sum + protocol);
}

/** The TCP or UDP checksum over a whole transport segment whose checksum field is zero.
 * UDP's all-zero result goes on the wire as 0xFFFF, since 0 there means "no checksum". */
export function transportChecksum(
  src: Uint8Array,
  dst: Uint8Array,
  protocol: number,
  segment: Uint8Array,
): number {
  const value = finishChecksum(
    sumWords(segment, pseudoHeaderSum(src, dst, protocol, segment.length)),
  );
  return protocol === 17 && value === 0 ? 0xffff : value;
}

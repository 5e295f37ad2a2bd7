// The number after a DATA/MESG/INDEX/STATE token (kernel-helpers.md §5.2, §1.6): the
// helper copies at most 5 bytes, stopping at the region end, and reads them with
// simple_strtoul base 10 into a u16.

/** §5.2: sizeof("65535") − 1 */
const MAX_COPIED = 5;

export type PortDigits =
  /** The copy reached past the datagram's end (skb_copy_bits fails ⇒ the helper stops). */
  | { kind: "unreadable" }
  /** digits = how many were parsed (the NAT rewrite's matchlen); port = value mod 2^16,
   * 0 when there are none. */
  | { kind: "read"; port: number; digits: number };

function isDigit(byte: number): boolean {
  return byte >= 0x30 && byte <= 0x39;
}

/** `offset` is right after the token; `regionEnd` is the region's end computed before any
 * rewrite (so after a shorter rewrite it can lie past the datagram's end). */
export function readPortDigits(payload: Uint8Array, offset: number, regionEnd: number): PortDigits {
  const length = Math.min(MAX_COPIED, regionEnd - offset);
  if (offset + length > payload.length) return { kind: "unreadable" };
  // simple_strtoul base 10: no whitespace skip, no sign, decimal digits only.
  let value = 0;
  let digits = 0;
  while (digits < length && isDigit(payload[offset + digits])) {
    value = value * 10 + (payload[offset + digits] - 0x30);
    digits++;
  }
  return { kind: "read", port: value % 65536, digits };
}

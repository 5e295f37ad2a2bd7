// The kernel's simple_strtoul(s, &end, 10) followed by the caller's truncation to a
// narrower unsigned type (kernel-helpers.md §1.6, §3.3 step 4).

export interface DecimalRun {
  /** The digits' value mod `modulus` (no digits ⇒ 0). */
  value: number;
  /** Index of the first byte that is not a decimal digit. */
  end: number;
}

function isDigit(byte: number | undefined): byte is number {
  return byte !== undefined && byte >= 0x30 && byte <= 0x39;
}

/**
 * §1.6: decimal digits only — no whitespace skip, no sign, no "0x"; overflow wraps
 * silently. The kernel wraps at 2^64 and the caller keeps the low 32 or 16 bits; since
 * `modulus` divides 2^64, reducing after every digit gives the same value.
 * The run stops at the end of `data` too: the caller guarantees a terminator (§3.3's
 * '\n' rule) before that matters.
 */
export function readDecimal(data: Uint8Array, start: number, modulus: number): DecimalRun {
  let value = 0;
  let end = start;
  while (isDigit(data[end])) {
    value = (value * 10 + (data[end] - 0x30)) % modulus;
    end++;
  }
  return { value, end };
}

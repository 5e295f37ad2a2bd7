// The kernel's number readers in nf_conntrack_sip. Every result is stored in an unsigned
// int, so values are taken mod 2^32.
// - simple_strtoul(s, &end, base) (6.18 before the 2026-04 fix): no bound but the buffer,
//   base 10 or base 0 ("0x"+hex digit = hex, leading 0 = octal); wraps silently.
// - sip_strtouint(s, len, &end) (2026-04): base 10 within len, at most 11 characters
//   looked at, a value > UINT_MAX (or a 12th digit) fails: 0 and end = start.

/** Where a number ends and what it read; reused to avoid allocation. */
export interface NumberRead {
  value: number;
  end: number;
}

export const numberRead: NumberRead = { value: 0, end: 0 };

function digitValue(byte: number): number {
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  const lower = byte | 0x20;
  if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10;
  return 99;
}

/** simple_strtoul over data[start, end): `end` is the buffer's end (the kernel reads on
 * until a non-digit). base is 10 or 0. */
export function strtoul(
  data: Uint8Array,
  start: number,
  end: number,
  base: 0 | 10,
  out: NumberRead,
): NumberRead {
  let radix: number = base;
  let p = start;
  if (radix === 0) {
    if (data[p] === 0x30 && p + 1 < end) {
      radix = (data[p + 1] | 0x20) === 0x78 && p + 2 < end && digitValue(data[p + 2]) < 16 ? 16 : 8;
    } else {
      radix = 10;
    }
    if (radix === 16) p += 2;
  }
  let value = 0;
  while (p < end) {
    const d = digitValue(data[p]);
    if (d >= radix) break;
    value = (value * radix + d) >>> 0;
    p++;
  }
  out.value = value;
  out.end = p;
  return out;
}

const UINT_MAX = 0xffff_ffff;
const MAX_LOOKED_AT = 11; // sizeof("4294967295")

/** sip_strtouint(data + start, len, &end). */
export function sipStrtouint(
  data: Uint8Array,
  start: number,
  len: number,
  out: NumberRead,
): NumberRead {
  let budget = Math.min(len, MAX_LOOKED_AT);
  let left = len;
  let value = 0;
  let p = start;
  while (left > 0 && data[p] >= 0x30 && data[p] <= 0x39) {
    if (budget === 0 || value * 10 + (data[p] - 0x30) > UINT_MAX) {
      out.value = 0;
      out.end = start;
      return out;
    }
    value = value * 10 + (data[p] - 0x30);
    p++;
    budget--;
    left--;
  }
  out.value = value;
  out.end = p;
  return out;
}

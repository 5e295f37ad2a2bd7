// Decimal digit runs as kernel helpers read them: no sign, no whitespace skip, and the
// value wraps in the C integer type it is accumulated in.

/** '0'..'9' → 0..9, anything else → -1. */
export function decimalDigit(byte: number): number {
  const d = byte - 0x30;
  return d >= 0 && d <= 9 ? d : -1;
}

/** value*10 + digit in a u32, wrapping like the kernel's u_int32_t accumulators. */
export function appendDigitU32(value: number, digit: number): number {
  return (value * 10 + digit) >>> 0;
}

/** value*10 + digit in a u16 (the kernel's u_int16_t port accumulators). */
export function appendDigitU16(value: number, digit: number): number {
  return (value * 10 + digit) & 0xffff;
}

/** Where a digit run ends and what it read. Reused by the caller to avoid allocation. */
export interface DecimalRun {
  value: number;
  end: number;
}

/** Reads up to maxDigits decimal digits from data[start..limit) into a u32 (wrapping,
 * as simple_strtoul truncated to 32 bits). Returns the number of digits read. */
export function readDecimalU32(
  data: Uint8Array,
  start: number,
  limit: number,
  maxDigits: number,
  out: DecimalRun,
): number {
  let value = 0;
  let i = start;
  const stop = Math.min(limit, start + maxDigits);
  while (i < stop) {
    const d = decimalDigit(data[i]);
    if (d < 0) break;
    value = appendDigitU32(value, d);
    i++;
  }
  out.value = value;
  out.end = i;
  return i - start;
}

/** simple_strtoul(s, &end, 10) truncated to the u32 a helper stores it in: every digit up
 * to the first non-digit (or limit), wrapping mod 2^32; no digits reads 0 and ends at start.
 * The kernel's unsigned long wraps mod 2^64 first, which changes nothing mod 2^32. */
export function readStrtoulU32(
  data: Uint8Array,
  start: number,
  limit: number,
  out: DecimalRun,
): number {
  return readDecimalU32(data, start, limit, Number.POSITIVE_INFINITY, out);
}

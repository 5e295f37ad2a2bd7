// The number readers of nf_conntrack_sip (kernel-helpers.md §1.6, §6.3, Part B 2026-04):
// simple_strtoul before the "don't use simple_strtoul" fix, sip_strtouint after it.

import { at, isDigit, type Message } from "./message.ts";

export interface ParsedNumber {
  /** The value as the caller stores it (see each reader). */
  value: bigint;
  /** Where reading stopped (the kernel's end pointer), relative to the message start. */
  end: number;
}

function hexDigit(byte: number): number {
  if (isDigit(byte)) return byte - 0x30;
  const lower = byte | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1;
}

const U64 = 1n << 64n;

/** simple_strtoul(dptr + offset, &end, base): no whitespace skip, no sign; base 0 picks
 * hex after "0x" + a hex digit, octal after a leading "0", else decimal; digits run until
 * the first byte that is not one (no length limit: it reads on past the message, and
 * stops at the payload's end); the value wraps mod 2^64. */
export function simpleStrtoul(message: Message, offset: number, base: 0 | 10): ParsedNumber {
  let radix: number = base;
  let s = offset;
  if (radix === 0) {
    if (at(message, s) === 0x30) {
      const x = at(message, s + 1) | 0x20;
      radix = x === 0x78 && hexDigit(at(message, s + 2)) >= 0 ? 16 : 8;
    } else {
      radix = 10;
    }
  }
  if (radix === 16 && at(message, s) === 0x30 && (at(message, s + 1) | 0x20) === 0x78) s += 2;
  let value = 0n;
  for (;;) {
    const digit = hexDigit(at(message, s));
    if (digit < 0 || digit >= radix) break;
    value = (value * BigInt(radix) + BigInt(digit)) % U64;
    s++;
  }
  return { value, end: s };
}

/** The unsigned int a simple_strtoul result is stored in. */
export function toU32(value: bigint): number {
  return Number(value % (1n << 32n));
}

const UINT_MAX = 4294967295n;
/** sizeof("4294967295"): 11 digits at most are read. */
const MAX_DIGITS = 11;

/** sip_strtouint(dptr + offset, len, &end): decimal digits within `len` bytes; more than
 * 11 digits or a value above UINT_MAX is a failure: value 0 and end = offset. */
export function sipStrtouint(message: Message, offset: number, length: number): ParsedNumber {
  let budget = Math.min(length, MAX_DIGITS);
  let left = length;
  let s = offset;
  let value = 0n;
  while (left > 0 && isDigit(at(message, s))) {
    if (budget === 0) return { value: 0n, end: offset };
    value = value * 10n + BigInt(at(message, s) - 0x30);
    if (value > UINT_MAX) return { value: 0n, end: offset };
    s++;
    budget--;
    left--;
  }
  return { value, end: s };
}

// try_number: `count` decimal numbers separated by `sep`, ended by `term`. The shared
// grammar of PORT, 227 and EPRT's IPv4 address.

import { appendDigitU32 } from "../core/decimal.ts";
import { digitRunAbove, digitRunEnd, digitRunU32 } from "../core/digit-run.ts";

/** Digits read one by one before a run is skipped word by word. */
const LONG_RUN = 32;

/** term for 227: any byte that is neither a digit nor the separator ends the list. */
export const ANY_TERMINATOR = -1;

/** Reads data[start, end). Returns the byte count before the terminator, or 0 on failure
 * (too few or too many numbers, a wrong terminator, no terminator before the end).
 * Empty numbers count as 0. Values wrap as u32; strict = any value > 255 fails. */
export function tryNumber(
  data: Uint8Array,
  start: number,
  end: number,
  values: Uint32Array,
  count: number,
  sep: number,
  term: number,
  strict: boolean,
): number {
  values.fill(0, 0, count);
  let slot = 0;
  let i = start;
  while (i < end && slot < count) {
    const byte = data[i];
    if (byte >= 0x30 && byte <= 0x39) {
      // A number is one run of digits (anything else after it ends it or the list), read
      // digit by digit as the kernel does; a run longer than 32 digits is skipped four
      // bytes a step and its u32 taken from its last 32 digits (digit-run.ts).
      let value = 0;
      let j = i;
      const cap = Math.min(end, i + LONG_RUN);
      while (j < cap) {
        const digit = data[j] - 0x30;
        if (digit < 0 || digit > 9) break;
        value = appendDigitU32(value, digit);
        if (strict && value > 255) return 0;
        j++;
      }
      if (j === cap && j < end && data[j] >= 0x30 && data[j] <= 0x39) {
        const runEnd = digitRunEnd(data, j, end);
        if (strict && digitRunAbove(data, i, runEnd, 255)) return 0;
        value = digitRunU32(data, i, runEnd);
        j = runEnd;
      }
      values[slot] = value;
      i = j;
    } else if (byte === sep) {
      slot++;
      i++;
    } else {
      return (byte === term || term === ANY_TERMINATOR) && slot === count - 1 ? i - start : 0;
    }
  }
  return 0;
}

/** The 6-number form a,b,c,d,p1,p2: address bits bleed as the kernel's u32 shifts do and
 * the port is truncated to 16 bits. */
export function sixTupleAddress(values: Uint32Array): number {
  return ((values[0] << 24) | (values[1] << 16) | (values[2] << 8) | values[3]) >>> 0;
}

export function sixTuplePort(values: Uint32Array): number {
  return ((values[4] << 8) | values[5]) & 0xffff;
}

// The port after a DATA/MESG/INDEX/STATE token: at most 5 bytes up to the region's end are
// copied and read with simple_strtoul base 10 into a u16 ("123456" reads 12345, "99999"
// wraps to 34463, no digit reads 0).

import { type DecimalRun, readDecimalU32 } from "../core/decimal.ts";

const MAX_DIGITS = 5;

export interface TokenPort {
  port: number;
  /** How many digits were read (the span a NAT rewrite replaces). */
  digits: number;
}

const run: DecimalRun = { value: 0, end: 0 };

/** Reads the port at data[off..]; false when the 5-byte copy would run past the data
 * (skb_copy_bits fails: the kernel stops looking at further tokens). */
export function readTokenPort(
  data: Uint8Array,
  off: number,
  stop: number,
  out: TokenPort,
): boolean {
  const length = Math.min(MAX_DIGITS, stop - off);
  if (off + length > data.length) return false;
  out.digits = readDecimalU32(data, off, off + length, MAX_DIGITS, run);
  out.port = run.value & 0xffff;
  return true;
}

// get_port: EPRT's and 229's port, decimal digits up to the delimiter.

import { appendDigitU16, decimalDigit } from "../core/decimal.ts";

/** Reads data[start, end) up to `delim`. Returns the index after the delimiter, or -1
 * (a non-digit, no delimiter, or a value that is 0 at the delimiter). The stable kernel
 * accumulates in a u16, so 65536 reads as 0 (fails) and 65537 as 1; strict = the 2026
 * fix, where anything over 65535 fails. The port goes to out[0]. */
export function getPort(
  data: Uint8Array,
  start: number,
  end: number,
  delim: number,
  strict: boolean,
  out: Uint32Array,
): number {
  let port = 0;
  for (let i = start; i < end; i++) {
    const byte = data[i];
    if (byte === delim) {
      if (port === 0) return -1;
      out[0] = port;
      return i + 1;
    }
    const digit = decimalDigit(byte);
    if (digit < 0) return -1;
    if (strict) {
      port = port * 10 + digit;
      if (port > 65535) return -1;
    } else {
      port = appendDigitU16(port, digit);
    }
  }
  return -1;
}

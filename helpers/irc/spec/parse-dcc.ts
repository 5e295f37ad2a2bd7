// parse_dcc (kernel-helpers.md §3.3 step 4): the address and port of a DCC command, and
// the region the NAT half rewrites.

import { reach } from "../../spec-core/behaviour.ts";
import { readDecimal } from "./decimal.ts";

export interface DccArguments {
  /** The address as the unsigned 32-bit value the text names (mod 2^32). */
  ip: number;
  /** mod 2^16 */
  port: number;
  /** §3.3 step 4: the rewrite region [regionStart, regionEnd) = start of the address
   * to the end of the port digits. */
  regionStart: number;
  regionEnd: number;
}

/** "AAAAAAAA P\1\n": every filename byte that is not the space must leave at least this
 * many bytes after it. */
const MIN_AFTER_FILENAME = 12;
const SPACE = 0x20;
const NEWLINE = 0x0a;

/**
 * Skips the filename token through its first ' '. Each non-space byte read must leave at
 * least 12 bytes after it, else failure (null); the space itself is not measured (it is
 * only reached after a byte that passed, or as the first byte). Returns the index after
 * the space.
 */
export function skipFilename(window: Uint8Array, start: number): number | null {
  let at = start;
  for (;;) {
    const byte = window[at];
    at++;
    if (byte === SPACE) return at;
    if (window.length - at < MIN_AFTER_FILENAME) return null;
  }
}

/** simple_strtoul reads until a non-digit, so the kernel insists on a '\n' somewhere
 * from here to the end of the (truncated) window. Not '\x01'. */
export function hasNewlineFrom(window: Uint8Array, start: number): boolean {
  return window.indexOf(NEWLINE, start) !== -1;
}

/** The digits in [start, end) name a number above `max` (before truncation). */
function above(window: Uint8Array, start: number, end: number, max: number): boolean {
  const digits = String.fromCharCode(...window.subarray(start, end)).replace(/^0+/, "");
  return (
    digits.length > String(max).length ||
    (digits.length === String(max).length && digits > String(max))
  );
}

export function parseDcc(window: Uint8Array, argumentsStart: number): DccArguments | null {
  const regionStart = skipFilename(window, argumentsStart);
  if (regionStart === null) {
    reach("DCC: first argument too close to the end, ignored");
    return null;
  }
  if (!hasNewlineFrom(window, regionStart)) {
    reach("DCC: no newline after the first argument, ignored");
    return null;
  }
  const ip = readDecimal(window, regionStart, 2 ** 32);
  if (above(window, regionStart, ip.end, 2 ** 32 - 1)) reach("DCC address above 2^32-1 truncated");
  // Only ' ' is skipped between the two numbers; anything else makes the port "0". The
  // '\n' found above ends this run inside the window, so it never runs off the end.
  let at = ip.end;
  while (window[at] === SPACE) at++;
  const port = readDecimal(window, at, 2 ** 16);
  if (above(window, at, port.end, 65535)) reach("DCC port above 65535 truncated");
  return { ip: ip.value, port: port.value, regionStart, regionEnd: port.end };
}

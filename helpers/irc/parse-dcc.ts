// parse_dcc: the DCC's address and port after its first argument, and the span NAT
// rewrites. The kernel reads numbers with simple_strtoul, which runs until a non-digit, so it
// first insists on a '\n' somewhere after the first argument (a '\x01' does not count).

import { type DecimalRun, readStrtoulU32 } from "../core/decimal.ts";

const SPACE = 0x20;
const LF = 0x0a;
/** strlen("AAAAAAAA P\1\n") + 1: the first argument must end in a space early enough to
 * leave at least 11 bytes after it. */
const MIN_AFTER_FIRST_ARGUMENT = 12;

export interface DccArguments {
  /** The address as the u32 the kernel stores (mod 2^32; no digits = 0). */
  ip: number;
  /** The port truncated to the kernel's u16 (no digits = 0). */
  port: number;
  /** [start, end) = first digit of the address up to the end of the port's digits. */
  start: number;
  end: number;
}

export function newDccArguments(): DccArguments {
  return { ip: 0, port: 0, start: 0, end: 0 };
}

/** The byte after the first space at or after `from`, or -1 when a non-space byte at index
 * limit-12 or later comes first. Quoted names with spaces end at their first space. */
export function afterFirstArgument(data: Uint8Array, from: number, limit: number): number {
  let i = from;
  for (;;) {
    const byte = data[i++];
    if (byte === SPACE) return i;
    if (i > limit - MIN_AFTER_FIRST_ARGUMENT) return -1;
  }
}

/** Whether data[from, limit) holds a '\n'. */
export function hasNewline(data: Uint8Array, from: number, limit: number): boolean {
  for (let i = from; i < limit; i++) if (data[i] === LF) return true;
  return false;
}

const run: DecimalRun = { value: 0, end: 0 };

/** Parses the arguments starting at `from` (right after "SEND " etc.) into `out`. false =
 * the kernel's "unable to parse dcc command". */
export function parseDcc(
  data: Uint8Array,
  from: number,
  limit: number,
  out: DccArguments,
): boolean {
  const start = afterFirstArgument(data, from, limit);
  if (start < 0 || !hasNewline(data, start, limit)) return false;
  readStrtoulU32(data, start, limit, run);
  out.ip = run.value;
  let i = run.end;
  while (data[i] === SPACE) {
    if (i >= limit) return false;
    i++;
  }
  readStrtoulU32(data, i, limit, run);
  out.port = run.value & 0xffff;
  out.start = start;
  out.end = run.end;
  return true;
}

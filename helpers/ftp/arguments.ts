// The four argument grammars (try_rfc959, try_rfc1123, try_eprt, try_epsv_response).
// Each reads data[start, end), fills the command, and returns the length of the text a NAT
// rewrite replaces (from start, or from the moved matchOffset for 227), or 0 on failure.

import { firstDigitAt } from "../core/digit-run.ts";
import { kernelIn6Pton } from "../core/kernel-inet-pton.ts";
import type { FtpCommand, ParseOptions } from "./command.ts";
import { getPort } from "./get-port.ts";
import { ANY_TERMINATOR, sixTupleAddress, sixTuplePort, tryNumber } from "./try-number.ts";

const COMMA = 0x2c;
const DOT = 0x2e;
const numbers = new Uint32Array(6);
const portOut = new Uint32Array(1);

/** PORT a,b,c,d,p1,p2 — ended by `term` ('\r' for PORT, any byte for 227). */
export function parseSixTuple(
  data: Uint8Array,
  start: number,
  end: number,
  cmd: FtpCommand,
  options: ParseOptions,
  term = 0x0d,
): number {
  const length = tryNumber(data, start, end, numbers, 6, COMMA, term, options.strict);
  if (length === 0) return 0;
  cmd.setIPv4(sixTupleAddress(numbers));
  cmd.port = sixTuplePort(numbers);
  return length;
}

function isAsciiDigit(byte: number): boolean {
  return byte >= 0x30 && byte <= 0x39;
}

/** 227: RFC 1123 says scan for the first digit; the tuple starts there. */
export function parsePasvReply(
  data: Uint8Array,
  start: number,
  end: number,
  cmd: FtpCommand,
  options: ParseOptions,
): number {
  const i = firstDigitAt(data, start, end);
  if (i === end) return 0;
  cmd.matchOffset += i - start;
  return parseSixTuple(data, i, end, cmd, options, ANY_TERMINATOR);
}

/** The extended commands' delimiter: printable ASCII 33..126 and not a digit. */
function isDelimiter(byte: number): boolean {
  return byte >= 33 && byte <= 126 && !isAsciiDigit(byte);
}

/** EPRT <d>1<d>a.b.c.d<d>port<d> or <d>2<d>ipv6<d>port<d>; the protocol digit must be
 * the connection's own family. */
export function parseEprt(
  data: Uint8Array,
  start: number,
  end: number,
  cmd: FtpCommand,
  options: ParseOptions,
): number {
  if (end - start <= 3) return 0;
  const delim = data[start];
  if (!isDelimiter(delim) || data[start + 2] !== delim) return 0;
  const protocol = data[start + 1];
  if (protocol !== (options.family === 4 ? 0x31 : 0x32)) return 0;
  const addrStart = start + 3;
  let addrLength: number;
  if (protocol === 0x31) {
    addrLength = tryNumber(data, addrStart, end, numbers, 4, DOT, delim, options.strict);
    if (addrLength !== 0) cmd.setIPv4(sixTupleAddress(numbers));
  } else {
    // get_ipv6_addr caps the input at 0xffff bytes. The byte where the address stopped
    // is skipped as if it were the delimiter, whatever it is (NUL, ':' after an IPv4 tail).
    const stop = kernelIn6Pton(data, addrStart, Math.min(end - addrStart, 0xffff), delim, cmd.addr);
    addrLength = stop < 0 ? 0 : stop - addrStart;
  }
  if (addrLength === 0) return 0;
  const after = getPort(data, addrStart + addrLength + 1, end, delim, options.strict, portOut);
  if (after < 0) return 0;
  cmd.port = portOut[0];
  return after - start;
}

/** 229 reply (after '('): <d><d><d>port<d>. ')' is not checked. */
export function parseEpsvReply(
  data: Uint8Array,
  start: number,
  end: number,
  cmd: FtpCommand,
  options: ParseOptions,
): number {
  if (end - start <= 3) return 0;
  const delim = data[start];
  if (!isDelimiter(delim) || data[start + 1] !== delim || data[start + 2] !== delim) return 0;
  const after = getPort(data, start + 3, end, delim, options.strict, portOut);
  if (after < 0) return 0;
  cmd.port = portOut[0];
  return after - start;
}

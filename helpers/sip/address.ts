// Addresses and ports in SIP header values (sip_parse_addr, sip_parse_port, epaddr_len,
// skp_epaddr_len) and in SDP lines (sdp_parse_addr). All positions are indexes into the
// payload; `limit` is the end of the message, which the kernel may read one byte past.

import { ANY_DELIMITER, kernelIn4Pton, kernelIn6Pton } from "../core/kernel-inet-pton.ts";
import { isDigit } from "./chars.ts";

// Local copies: an imported binding costs a check on every read in a hot loop.
const COLON = 0x3a;
const CR = 0x0d;
const LF = 0x0a;

import type { Dialect } from "./dialect.ts";
import { numberRead, strtoul } from "./numbers.ts";

const SIP_PORT = 5060;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const AT = 0x40;

/** The address a parse read (4 or 16 bytes used) and the port; reused. */
export interface ParsedAddress {
  bytes: Uint8Array;
  port: number;
}

export function newParsedAddress(): ParsedAddress {
  return { bytes: new Uint8Array(16), port: 0 };
}

/** sip_parse_addr: the end of the address, or -1. IPv6 must be in brackets when delim. */
export function sipParseAddr(
  data: Uint8Array,
  at: number,
  limit: number,
  delim: boolean,
  dialect: Dialect,
  out: Uint8Array,
): number {
  out.fill(0);
  if (dialect.family === 4) return kernelIn4Pton(data, at, limit - at, ANY_DELIMITER, out, 0);
  let cp = at;
  if (cp < limit && data[cp] === OPEN_BRACKET) cp++;
  else if (delim) return -1;
  let end = kernelIn6Pton(data, cp, limit - cp, ANY_DELIMITER, out);
  if (end < 0) return -1;
  if (end < limit && data[end] === CLOSE_BRACKET) end++;
  else if (delim) return -1;
  return end;
}

/** sip_parse_port (2026-04): the end of ":port" (or `at` when there is no ':', port 5060),
 * or -1: nothing left, no digits, more than 5, digits up to the limit, out of 1024…65535. */
export function sipParsePort(
  data: Uint8Array,
  at: number,
  limit: number,
  out: ParsedAddress | null,
): number {
  if (at >= limit) return -1;
  if (data[at] !== COLON) {
    if (out) out.port = SIP_PORT;
    return at;
  }
  let p = at + 1;
  let value = 0;
  let digits = 0;
  while (p < limit && isDigit(data[p])) {
    value = value * 10 + (data[p] - 0x30);
    p++;
    if (++digits > 5) return -1;
  }
  if (digits === 0 || p >= limit || value < 1024 || value > 65535) return -1;
  if (out) out.port = value;
  return p;
}

/** The port after an address in ct_sip_parse_request / ct_sip_parse_header_uri before
 * 2026-04: ':' then simple_strtoul (unbounded, 1024…65535 else -1), else 5060. The
 * request line checks the limit before the ':'; the header path does not (`checkLimit`). */
export function legacyPort(
  data: Uint8Array,
  at: number,
  limit: number,
  checkLimit: boolean,
  out: ParsedAddress,
): number {
  if ((checkLimit && at >= limit) || data[at] !== COLON) {
    out.port = SIP_PORT;
    return at;
  }
  strtoul(data, at + 1, data.length, 10, numberRead);
  if (numberRead.value < 1024 || numberRead.value > 65535) return -1;
  out.port = numberRead.value;
  return numberRead.end;
}

function digitsEnd(data: Uint8Array, at: number, limit: number): number {
  let p = at;
  while (p < limit && isDigit(data[p])) p++;
  return p;
}

const scratch = new Uint8Array(16);

/** epaddr_len: the length of "address[:port]" at `at`, 0 when it does not parse. Before
 * 2026-04 any digits after ':' count; since, the port must pass sip_parse_port. */
export function epaddrLen(data: Uint8Array, at: number, limit: number, dialect: Dialect): number {
  let end = sipParseAddr(data, at, limit, true, dialect, scratch);
  if (end < 0) return 0;
  if (dialect.strict) {
    end = sipParsePort(data, end, limit, null);
    if (end < 0) return 0;
  } else if (data[end] === COLON) {
    end = digitsEnd(data, end + 1, limit);
  }
  return end - at;
}

/** Where a URI's host starts: after the user info ('@' on the same line), else `at`. */
export function afterUserInfo(data: Uint8Array, at: number, limit: number): number {
  let p = at;
  while (p < limit && data[p] !== AT && data[p] !== CR && data[p] !== LF) p++;
  return p < limit && data[p] === AT ? p + 1 : at;
}

/** sdp_parse_addr: an address without brackets, ended by any byte that cannot continue
 * it. The end, or -1. */
export function sdpParseAddr(
  data: Uint8Array,
  at: number,
  limit: number,
  dialect: Dialect,
  out: Uint8Array,
): number {
  out.fill(0);
  if (dialect.family === 4) return kernelIn4Pton(data, at, limit - at, ANY_DELIMITER, out, 0);
  return kernelIn6Pton(data, at, limit - at, ANY_DELIMITER, out);
}

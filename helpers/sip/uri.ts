// The address and port of a header's URI (ct_sip_parse_header_uri) and of the
// Request-URI (ct_sip_parse_request). Both re-read the address the header rule measured
// and then its port: before 2026-04 ':' + simple_strtoul (1024…65535, else -1) and 5060
// without ':'; since, sip_parse_port.

import {
  afterUserInfo,
  epaddrLen,
  legacyPort,
  type ParsedAddress,
  sipParseAddr,
  sipParsePort,
} from "./address.ts";
import { caselessAt, isAlpha, pattern } from "./chars.ts";

// Local copies: an imported binding costs a check on every read in a hot loop.
const CR = 0x0d;
const LF = 0x0a;

import type { Dialect } from "./dialect.ts";
import { type HeaderRule, type HeaderWalk, type Match, walkHeaders } from "./header.ts";

/** ct_sip_parse_header_uri: 1 with `match` (the address text) and `out` (address, port;
 * out.port's end in `uriEnd`), 0 when no value measures, -1 when the first one that does
 * then fails. */
export function parseHeaderUri(
  data: Uint8Array,
  from: number,
  limit: number,
  rule: HeaderRule,
  walk: HeaderWalk | null,
  dialect: Dialect,
  match: Match,
  out: ParsedAddress,
): number {
  if (walkHeaders(data, from, limit, rule, walk, dialect, match) === 0) return 0;
  const end = sipParseAddr(data, match.off, limit, true, dialect, out.bytes);
  if (end < 0) return -1;
  const portEnd = dialect.strict
    ? sipParsePort(data, end, limit, out)
    : legacyPort(data, end, limit, false, out);
  if (portEnd < 0) return -1;
  uriEnd.at = portEnd;
  return 1;
}

/** Where the last parseHeaderUri's port ended (the kernel's *dataoff). */
export const uriEnd = { at: 0 };

const SIP_SCHEME = pattern("sip:");

/** ct_sip_parse_request over the message [start, limit): 1 with the Request-URI's
 * address text in `match`, 0 when there is none to rewrite, -1 when it is malformed. */
export function parseRequest(
  data: Uint8Array,
  start: number,
  limit: number,
  dialect: Dialect,
  match: Match,
  out: ParsedAddress,
): number {
  let p = start;
  while (p < limit && isAlpha(data[p])) p++;
  if (p === start) return 0;
  if (++p >= limit) return 0;
  for (; p < limit - SIP_SCHEME.length; p++) {
    if (data[p] === CR || data[p] === LF) return -1;
    if (caselessAt(data, p, data.length, SIP_SCHEME)) {
      p += SIP_SCHEME.length;
      break;
    }
  }
  const host = afterUserInfo(data, p, limit);
  if (epaddrLen(data, host, limit, dialect) === 0) return 0;
  const end = sipParseAddr(data, host, limit, true, dialect, out.bytes);
  if (end < 0) return -1;
  const portEnd = dialect.strict
    ? sipParsePort(data, end, limit, out)
    : legacyPort(data, end, limit, true, out);
  if (portEnd < 0) return -1;
  if (portEnd === host) return 0;
  match.off = host;
  match.len = portEnd - host;
  return 1;
}

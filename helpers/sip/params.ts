// Header parameters after a URI (ct_sip_parse_param, ct_sip_parse_address_param,
// ct_sip_parse_numerical_param, ct_sip_parse_transport). Each looks only up to the next
// ',' of the header (the next list value), within the header line and its continuations.

import { sipParseAddr } from "./address.ts";
import { caselessAt, pattern } from "./chars.ts";
import type { Dialect } from "./dialect.ts";
import { headerSearch, type Match } from "./header.ts";
import { numberRead, sipStrtouint, strtoul } from "./numbers.ts";

const COMMA = pattern(",");
const SEMICOLON = pattern(";");
const TRANSPORT = pattern("transport=");
const TCP = pattern("TCP");
const UDP = pattern("UDP");

function valueLimit(data: Uint8Array, from: number, limit: number): number {
  const comma = headerSearch(data, from, limit, COMMA);
  return comma < 0 ? limit : comma;
}

/** ct_sip_parse_param: the value of `name` up to ';' (or the value limit). */
export function parseParam(
  data: Uint8Array,
  from: number,
  limit: number,
  name: Uint8Array,
  match: Match,
): boolean {
  const end = valueLimit(data, from, limit);
  const found = headerSearch(data, from, end, name);
  if (found < 0) return false;
  const start = found + name.length;
  const semicolon = headerSearch(data, start, end, SEMICOLON);
  match.off = start;
  match.len = (semicolon < 0 ? end : semicolon) - start;
  return true;
}

/** ct_sip_parse_address_param: the address after `name`; false when absent or bad. */
export function parseAddressParam(
  data: Uint8Array,
  from: number,
  limit: number,
  name: Uint8Array,
  delim: boolean,
  dialect: Dialect,
  match: Match,
  out: Uint8Array,
): boolean {
  const end = valueLimit(data, from, limit);
  const found = headerSearch(data, from, end, name);
  if (found < 0) return false;
  const start = found + name.length;
  const addrEnd = sipParseAddr(data, start, end, delim, dialect, out);
  if (addrEnd < 0) return false;
  match.off = start;
  match.len = addrEnd - start;
  return true;
}

/** ct_sip_parse_numerical_param: 1 with the value (numberRead.value) and its text in
 * `match`, 0 when the name is absent, -1 when no digits follow it (2023-07). Base 0 and
 * unbounded before 2026-04; base 10, bounded, > UINT_MAX fails since. */
export function parseNumericalParam(
  data: Uint8Array,
  from: number,
  limit: number,
  name: Uint8Array,
  dialect: Dialect,
  match: Match,
): number {
  const end = valueLimit(data, from, limit);
  const found = headerSearch(data, from, end, name);
  if (found < 0) return 0;
  const start = found + name.length;
  if (dialect.strict) sipStrtouint(data, start, end - start, numberRead);
  else strtoul(data, start, data.length, 0, numberRead);
  if (numberRead.end === start) return -1;
  match.off = start;
  match.len = numberRead.end - start;
  return 1;
}

export enum Transport {
  None = 0,
  Udp = 1,
  Tcp = 2,
}

/** ct_sip_parse_transport: the transport= of the URI, or the connection's when absent;
 * None when it names another transport (or neither TCP nor UDP). */
export function parseTransport(
  data: Uint8Array,
  from: number,
  limit: number,
  own: Transport,
  match: Match,
): Transport {
  if (!parseParam(data, from, limit, TRANSPORT, match)) return own;
  let named = Transport.None;
  if (caselessAt(data, match.off, data.length, TCP)) named = Transport.Tcp;
  else if (caselessAt(data, match.off, data.length, UDP)) named = Transport.Udp;
  return named === own ? own : Transport.None;
}

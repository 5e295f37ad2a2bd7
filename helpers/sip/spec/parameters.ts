// Header parameters of nf_conntrack_sip (kernel-helpers.md §6.3, §6.6, §6.8):
// ct_sip_parse_param, ct_sip_parse_address_param, ct_sip_parse_numerical_param and
// ct_sip_parse_transport. Each looks from `dataoff` up to the next ',' of the header (or
// the header's end): names are found anywhere in that stretch, case-insensitively.

import type { L4 } from "../../core/model.ts";
import { addressText } from "./address-text.ts";
import { sipParseAddr } from "./addresses.ts";
import { protocolOf, type SipContext } from "./context.ts";
import { headerSearch } from "./headers.ts";
import { type Message, startsWithIgnoringCase } from "./message.ts";
import { simpleStrtoul, sipStrtouint, toU32 } from "./numbers.ts";

function stretchEnd(message: Message, dataoff: number, datalen: number): number {
  return headerSearch(message, dataoff, datalen, ",") ?? datalen;
}

export interface ParamMatch {
  matchoff: number;
  matchlen: number;
}

/** ct_sip_parse_param: the value after `name`, up to ';' or the stretch's end. */
export function parseParam(
  message: Message,
  dataoff: number,
  datalen: number,
  name: string,
): ParamMatch | null {
  const limit = stretchEnd(message, dataoff, datalen);
  const found = headerSearch(message, dataoff, limit, name);
  if (found === null) return null;
  const start = found + name.length;
  const end = headerSearch(message, start, limit, ";") ?? limit;
  return { matchoff: start, matchlen: end - start };
}

/** ct_sip_parse_address_param: the address after `name` (brackets per `delim`). */
export function parseAddressParam(
  context: SipContext,
  message: Message,
  dataoff: number,
  datalen: number,
  name: string,
  delim: boolean,
): (ParamMatch & { addr: string }) | null {
  const limit = stretchEnd(message, dataoff, datalen);
  const found = headerSearch(message, dataoff, limit, name);
  if (found === null) return null;
  const start = found + name.length;
  const address = sipParseAddr(context, message, start, limit, delim);
  if (address === null) return null;
  return { matchoff: start, matchlen: address.end - start, addr: addressText(address.bytes) };
}

export interface NumericalParam {
  /** 1 parsed, 0 absent, -1 present without a number (2023-07 tristate). */
  ret: 1 | 0 | -1;
  value: number;
  matchoff: number;
  matchlen: number;
}

/** ct_sip_parse_numerical_param: before 2026-04 simple_strtoul base 0 ("0x10" = 16,
 * "010" = 8, unbounded, mod 2^32); since, sip_strtouint (decimal, > UINT_MAX fails). */
export function parseNumericalParam(
  context: SipContext,
  message: Message,
  dataoff: number,
  datalen: number,
  name: string,
): NumericalParam {
  const limit = stretchEnd(message, dataoff, datalen);
  const found = headerSearch(message, dataoff, limit, name);
  if (found === null) return { ret: 0, value: 0, matchoff: 0, matchlen: 0 };
  const start = found + name.length;
  const parsed = context.config.base10Parameters
    ? sipStrtouint(message, start, limit - start)
    : simpleStrtoul(message, start, 0);
  const value = toU32(parsed.value);
  if (parsed.end === start) return { ret: -1, value, matchoff: 0, matchlen: 0 };
  return { ret: 1, value, matchoff: start, matchlen: parsed.end - start };
}

/** ct_sip_parse_transport: "transport=" (TCP/UDP by its first 3 letters) must name this
 * connection's protocol; absent = this connection's protocol; null = no match. */
export function parseTransport(
  context: SipContext,
  message: Message,
  dataoff: number,
  datalen: number,
): L4 | null {
  const own = protocolOf(context);
  const param = parseParam(message, dataoff, datalen, "transport=");
  if (param === null) return own;
  let named: L4;
  if (startsWithIgnoringCase(message, param.matchoff, "TCP")) named = "tcp";
  else if (startsWithIgnoringCase(message, param.matchoff, "UDP")) named = "udp";
  else return null;
  return named === own ? named : null;
}

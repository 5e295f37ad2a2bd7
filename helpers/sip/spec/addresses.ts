// Address and port parsing of nf_conntrack_sip (kernel-helpers.md §6.3): sip_parse_addr,
// sip_parse_port (2026-04) and the older port rules, and the match_len functions that
// measure "address[:port]" (epaddr_len, skp_epaddr_len) and other header values.

import { in4Pton, in6Pton } from "../../spec-core/kernel-pton.ts";
import { SIP_PORT, type SipContext } from "./context.ts";
import { absolute, at, CR, isAlpha, isDigit, LF, type Message } from "./message.ts";

export interface ParsedAddress {
  bytes: Uint8Array;
  /** Offset right after the address (and its ']'), relative to the message. */
  end: number;
}

/** sip_parse_addr(ct, cp, &end, addr, limit, delim): IPv4 via in4_pton (stop at the first
 * non-address byte); IPv6 via in6_pton, inside '[' ']' — both brackets required when
 * `delim`, else optional. */
export function sipParseAddr(
  context: SipContext,
  message: Message,
  cp: number,
  limit: number,
  delim: boolean,
): ParsedAddress | null {
  const data = message.packet.data;
  if (context.connection.family === 4) {
    const parsed = in4Pton(data, absolute(message, cp), limit - cp, -1);
    return parsed === null ? null : { bytes: parsed.bytes, end: parsed.end - message.start };
  }
  let from = cp;
  if (from < limit && at(message, from) === 0x5b) from++;
  else if (delim) return null;
  const parsed = in6Pton(data, absolute(message, from), limit - from, -1);
  if (parsed === null) return null;
  let end = parsed.end - message.start;
  if (end < limit && at(message, end) === 0x5d) end++;
  else if (delim) return null;
  return { bytes: parsed.bytes, end };
}

export interface ParsedPort {
  port: number;
  end: number;
}

/** sip_parse_port (2026-04): no ':' ⇒ SIP_PORT; else 1–5 digits that neither reach the
 * limit nor fall outside 1024–65535. Reaching the limit at all is malformed. */
export function sipParsePort(message: Message, dptr: number, limit: number): ParsedPort | null {
  if (dptr >= limit) return null;
  if (at(message, dptr) !== 0x3a) return { port: SIP_PORT, end: dptr };
  let s = dptr + 1;
  let port = 0;
  let digits = 0;
  while (s < limit && isDigit(at(message, s))) {
    port = port * 10 + (at(message, s) - 0x30);
    s++;
    digits++;
    if (digits > 5) return null;
  }
  if (digits === 0 || s >= limit) return null;
  if (port < 1024 || port > 65535) return null;
  return { port, end: s };
}

/** digits_len */
export function digitsLength(message: Message, dptr: number, limit: number): number {
  let length = 0;
  while (dptr + length < limit && isDigit(at(message, dptr + length))) length++;
  return length;
}

/** string_len: letters (the kernel's isalpha) */
export function lettersLength(message: Message, dptr: number, limit: number): number {
  let length = 0;
  while (dptr + length < limit && isAlpha(at(message, dptr + length))) length++;
  return length;
}

/** The mutable `shift` of a match_len function: bytes skipped before the match. */
export interface Shift {
  value: number;
}

/** epaddr_len: the length of "address[:port]", 0 if it does not parse. Before 2026-04 the
 * port is any run of digits after ':' (none too); since, sip_parse_port's rules. */
export function epaddrLength(
  context: SipContext,
  message: Message,
  dptr: number,
  limit: number,
): number {
  const address = sipParseAddr(context, message, dptr, limit, true);
  if (address === null) return 0;
  if (context.config.strictPorts) {
    const port = sipParsePort(message, address.end, limit);
    return port === null ? 0 : port.end - dptr;
  }
  let end = address.end;
  if (at(message, end) === 0x3a) {
    end++;
    end += digitsLength(message, end, limit);
  }
  return end - dptr;
}

/** skp_epaddr_len: skips user info up to an '@' on the same line, then epaddr_len. */
export function skipUserAndEpaddrLength(
  context: SipContext,
  message: Message,
  dptr: number,
  limit: number,
  shift: Shift,
): number {
  const before = shift.value;
  let s = dptr;
  while (s < limit && at(message, s) !== 0x40 && at(message, s) !== CR && at(message, s) !== LF) {
    shift.value++;
    s++;
  }
  if (s < limit && at(message, s) === 0x40) {
    s++;
    shift.value++;
  } else {
    s = dptr;
    shift.value = before;
  }
  return epaddrLength(context, message, s, limit);
}

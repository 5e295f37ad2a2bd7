// SIP header recognition of nf_conntrack_sip (kernel-helpers.md §6.3): ct_sip_hdrs,
// sip_follow_continuation, sip_skip_whitespace, ct_sip_header_search, ct_sip_get_header,
// ct_sip_next_header and ct_sip_walk_headers, each as the kernel walks the bytes.

import { digitsLength, epaddrLength, type Shift, skipUserAndEpaddrLength } from "./addresses.ts";
import type { SipContext } from "./context.ts";
import { at, CR, HT, isAlpha, LF, type Message, SP, startsWithIgnoringCase } from "./message.ts";

type MatchLength = (
  context: SipContext,
  message: Message,
  dptr: number,
  limit: number,
  shift: Shift,
) => number;

interface SipHeader {
  name: string;
  /** The compact form, which must be followed by a non-letter. */
  compact: string | null;
  /** Searched for inside the value (case-insensitively); the match starts after it. */
  search: string | null;
  matchLength: MatchLength;
}

const digits: MatchLength = (_context, message, dptr, limit) => digitsLength(message, dptr, limit);
const uri: MatchLength = skipUserAndEpaddrLength;
const via: MatchLength = (context, message, dptr, limit) =>
  epaddrLength(context, message, dptr, limit);

/** ct_sip_hdrs (Call-Id is never looked up by the paths modelled here). */
export const SIP_HEADERS = {
  cseq: { name: "CSeq", compact: null, search: null, matchLength: digits },
  from: { name: "From", compact: "f", search: "sip:", matchLength: uri },
  to: { name: "To", compact: "t", search: "sip:", matchLength: uri },
  contact: { name: "Contact", compact: "m", search: "sip:", matchLength: uri },
  viaUdp: { name: "Via", compact: "v", search: "UDP ", matchLength: via },
  viaTcp: { name: "Via", compact: "v", search: "TCP ", matchLength: via },
  expires: { name: "Expires", compact: null, search: null, matchLength: digits },
  contentLength: { name: "Content-Length", compact: "l", search: null, matchLength: digits },
} satisfies Record<string, SipHeader>;

export type SipHeaderType = keyof typeof SIP_HEADERS;

/** sip_follow_continuation: from a CR or LF, the start of a continuation line's text after
 * its leading whitespace, or null when the next line is no continuation. */
export function followContinuation(message: Message, dptr: number, limit: number): number | null {
  let s = dptr + 1;
  if (s >= limit) return null;
  if (at(message, s - 1) === CR && at(message, s) === LF) {
    s++;
    if (s >= limit) return null;
  }
  if (at(message, s) !== SP && at(message, s) !== HT) return null;
  while (s < limit && (at(message, s) === SP || at(message, s) === HT)) s++;
  return s;
}

/** sip_skip_whitespace: spaces and tabs, and at most one continuation line. */
export function skipWhitespace(message: Message, dptr: number, limit: number): number | null {
  for (let s = dptr; s < limit; s++) {
    const byte = at(message, s);
    if (byte === SP || byte === HT) continue;
    if (byte !== CR && byte !== LF) return s;
    return followContinuation(message, s, limit);
  }
  return limit;
}

/** ct_sip_header_search: the needle inside one header value (continuation lines
 * included); it must end before the limit. After a continuation the first byte of the
 * continued text is not tried (the kernel's loop steps past it). */
export function headerSearch(
  message: Message,
  dptr: number,
  limit: number,
  needle: string,
): number | null {
  const last = limit - needle.length;
  for (let s = dptr; s < last; s++) {
    const byte = at(message, s);
    if (byte === CR || byte === LF) {
      const next = followContinuation(message, s, last);
      if (next === null) return null;
      s = next;
      continue;
    }
    if (startsWithIgnoringCase(message, s, needle)) return s;
  }
  return null;
}

export interface HeaderMatch {
  /** 1 found, 0 none, -1 found but its value does not parse. */
  ret: 1 | 0 | -1;
  /** On 1: the value's offset (after the search string and the shift). On -1: where the
   * value began, which is where a walk goes on from. */
  matchoff: number;
  matchlen: number;
}

const NONE: HeaderMatch = { ret: 0, matchoff: 0, matchlen: 0 };

/** ct_sip_get_header: the first header of the type that starts a line after `dataoff`
 * (the first line is never a header). A line that starts with the name but is not then
 * followed by ':' ends the search. */
export function getHeader(
  context: SipContext,
  message: Message,
  dataoff: number,
  datalen: number,
  type: SipHeaderType,
): HeaderMatch {
  const header: SipHeader = SIP_HEADERS[type];
  const limit = datalen;
  for (let s = dataoff; s < limit; s++) {
    // Find the beginning of a line.
    if (at(message, s) !== CR && at(message, s) !== LF) continue;
    s++;
    if (s >= limit) break;
    if (at(message, s - 1) === CR && at(message, s) === LF) {
      s++;
      if (s >= limit) break;
    }
    // Skip continuation lines.
    if (at(message, s) === SP || at(message, s) === HT) continue;
    // The full name, or the compact one followed by a non-letter.
    if (limit - s >= header.name.length && startsWithIgnoringCase(message, s, header.name)) {
      s += header.name.length;
    } else if (
      header.compact !== null &&
      limit - s >= header.compact.length + 1 &&
      startsWithIgnoringCase(message, s, header.compact) &&
      !isAlpha(at(message, s + header.compact.length))
    ) {
      s += header.compact.length;
    } else {
      continue;
    }
    // Find and skip the colon, then the whitespace after it.
    const colon = skipWhitespace(message, s, limit);
    if (colon === null) break;
    if (at(message, colon) !== 0x3a || colon + 1 >= limit) break;
    const value = skipWhitespace(message, colon + 1, limit);
    if (value === null) break;
    let match = value;
    if (header.search !== null) {
      const found = headerSearch(message, value, limit, header.search);
      if (found === null) return { ret: -1, matchoff: value, matchlen: 0 };
      match = found + header.search.length;
    }
    const shift: Shift = { value: 0 };
    const matchlen = header.matchLength(context, message, match, limit, shift);
    if (matchlen === 0) return { ret: -1, matchoff: value, matchlen: 0 };
    return { ret: 1, matchoff: match + shift.value, matchlen };
  }
  return NONE;
}

/** ct_sip_next_header: the next value of a comma-separated list in the same header. */
export function nextHeader(
  context: SipContext,
  message: Message,
  dataoff: number,
  datalen: number,
  type: SipHeaderType,
): HeaderMatch {
  const header: SipHeader = SIP_HEADERS[type];
  const comma = headerSearch(message, dataoff, datalen, ",");
  if (comma === null || header.search === null) return NONE;
  const found = headerSearch(message, comma, datalen, header.search);
  if (found === null) return NONE;
  const match = found + header.search.length;
  const shift: Shift = { value: 0 };
  const matchlen = header.matchLength(context, message, match, datalen, shift);
  if (matchlen === 0) return { ret: -1, matchoff: match, matchlen: 0 };
  return { ret: 1, matchoff: match + shift.value, matchlen };
}

/** The walk's "in a header" flag (in_header). */
export interface InHeader {
  value: boolean;
}

/** ct_sip_walk_headers: the next parsable value, first along the current header's comma
 * list (when in_header), then header by header; unparsable ones are skipped. */
export function walkHeaders(
  context: SipContext,
  message: Message,
  dataoff: number,
  datalen: number,
  type: SipHeaderType,
  inHeader: InHeader | null,
): HeaderMatch {
  let from = dataoff;
  if (inHeader?.value) {
    for (;;) {
      const next = nextHeader(context, message, from, datalen, type);
      if (next.ret > 0) return next;
      if (next.ret === 0) break;
      from = next.matchoff;
    }
    inHeader.value = false;
  }
  for (;;) {
    const found = getHeader(context, message, from, datalen, type);
    if (found.ret > 0) {
      if (inHeader) inHeader.value = true;
      return found;
    }
    if (found.ret === 0) return found;
    from = found.matchoff;
  }
}

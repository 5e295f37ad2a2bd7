// Finding SIP headers (ct_sip_get_header and friends). A header is recognised only at the
// start of a line (after CR, LF or CRLF), never on the first line; continuation lines
// (leading SP/HT) are skipped; names are caseless, and a compact form (f t m v l) must be
// followed by a non-letter. Optional whitespace, continuations included, around ':'.
// The first line starting with the name decides: no ':' after it ends the search.
//
// A match is the value part the header's rule measures: for URI headers the address after
// "sip:" and the user info, for Via the address after "UDP "/"TCP ", digits otherwise.

import { afterUserInfo, epaddrLen } from "./address.ts";
import { caselessAt, isAlpha, pattern } from "./chars.ts";

// Local copies: an imported binding costs a check on every read in a hot loop.
const CR = 0x0d;
const LF = 0x0a;
const SP = 0x20;
const HT = 0x09;
const COLON = 0x3a;

import type { Dialect } from "./dialect.ts";
import { nextLineEnd } from "./line-end.ts";

/** What a header's value is measured as (the kernel's match_len functions). */
const DIGITS = 0;
const URI_ADDRESS = 1;
const ADDRESS = 2;
type Measure = typeof DIGITS | typeof URI_ADDRESS | typeof ADDRESS;

export interface HeaderRule {
  name: Uint8Array;
  compact: Uint8Array | null;
  search: Uint8Array | null;
  measure: Measure;
}

const rule = (name: string, compact: string | null, search: string | null, measure: Measure) =>
  Object.freeze({
    name: pattern(name),
    compact: compact === null ? null : pattern(compact),
    search: search === null ? null : pattern(search),
    measure,
  });

export const CSEQ = rule("CSeq", null, null, DIGITS);
export const FROM = rule("From", "f", "sip:", URI_ADDRESS);
export const TO = rule("To", "t", "sip:", URI_ADDRESS);
export const CONTACT = rule("Contact", "m", "sip:", URI_ADDRESS);
export const VIA_UDP = rule("Via", "v", "UDP ", ADDRESS);
export const VIA_TCP = rule("Via", "v", "TCP ", ADDRESS);
export const EXPIRES = rule("Expires", null, null, DIGITS);
export const CONTENT_LENGTH = rule("Content-Length", "l", null, DIGITS);

/** Where the last match is: offset (index into the payload) and length. Reused. */
export interface Match {
  off: number;
  len: number;
}

/** sip_follow_continuation at a line end: the first byte of a continuation line's text
 * (possibly the limit), or -1 when the next line is not a continuation. */
export function followContinuation(data: Uint8Array, at: number, limit: number): number {
  let p = at + 1;
  if (p >= limit) return -1;
  if (data[p - 1] === CR && data[p] === LF) {
    if (++p >= limit) return -1;
  }
  if (data[p] !== SP && data[p] !== HT) return -1;
  while (p < limit && (data[p] === SP || data[p] === HT)) p++;
  return p;
}

/** sip_skip_whitespace: past SP/HT and one continuation; -1 at a line end that is not one. */
export function skipWhitespace(data: Uint8Array, at: number, limit: number): number {
  for (let p = at; p < limit; p++) {
    const b = data[p];
    if (b === SP || b === HT) continue;
    if (b !== CR && b !== LF) return p;
    return followContinuation(data, p, limit);
  }
  return limit;
}

/** ct_sip_header_search: a caseless needle within a header value, continuations
 * followed (the byte after a continuation's whitespace is skipped, as in the kernel); the
 * needle must end before the limit. -1 when not found. */
export function headerSearch(
  data: Uint8Array,
  at: number,
  limit: number,
  needle: Uint8Array,
): number {
  const last = limit - needle.length;
  const first = needle[0];
  for (let p = at; p < last; p++) {
    let b = data[p];
    if (b === CR || b === LF) {
      p = followContinuation(data, p, last);
      if (p < 0) return -1;
      continue;
    }
    if (b >= 0x41 && b <= 0x5a) b |= 0x20;
    if (b === first && caselessAt(data, p, data.length, needle)) return p;
  }
  return -1;
}

function measure(
  rule: HeaderRule,
  data: Uint8Array,
  at: number,
  limit: number,
  dialect: Dialect,
  out: Match,
): number {
  if (rule.measure === DIGITS) {
    let p = at;
    while (p < limit && data[p] >= 0x30 && data[p] <= 0x39) p++;
    out.off = at;
    return p - at;
  }
  const host = rule.measure === URI_ADDRESS ? afterUserInfo(data, at, limit) : at;
  out.off = host;
  return epaddrLen(data, host, limit, dialect);
}

/** ct_sip_get_header: 1 = found (out = the measured value), 0 = none, -1 = the header is
 * there but its value does not measure (out.off = where its value starts). `from` is an
 * index into the payload; lines start only after a CR or LF at or after it. */
export function getHeader(
  data: Uint8Array,
  from: number,
  limit: number,
  rule: HeaderRule,
  dialect: Dialect,
  out: Match,
): number {
  const name = rule.name;
  const compact = rule.compact;
  const first = name[0];
  const compactFirst = compact === null ? -1 : compact[0];
  for (let p = from; p < limit; p++) {
    p = nextLineEnd(data, p, limit);
    if (p >= limit) break;
    const b = data[p];
    if (++p >= limit) break;
    if (b === CR && data[p] === LF) {
      if (++p >= limit) break;
    }
    const c = data[p];
    if (c === SP || c === HT) continue;
    const lower = c >= 0x41 && c <= 0x5a ? c | 0x20 : c;
    let q: number;
    if (lower === first && limit - p >= name.length && caselessAt(data, p, limit, name)) {
      q = p + name.length;
    } else if (lower === compactFirst && limit - p >= 2 && !isAlpha(data[p + 1])) {
      q = p + 1;
    } else {
      continue;
    }
    q = skipWhitespace(data, q, limit);
    if (q < 0) break;
    if (data[q] !== COLON || ++q >= limit) break;
    q = skipWhitespace(data, q, limit);
    if (q < 0) break;
    const valueStart = q;
    out.off = valueStart;
    if (rule.search !== null) {
      const found = headerSearch(data, q, limit, rule.search);
      if (found < 0) return -1;
      q = found + rule.search.length;
    }
    out.len = measure(rule, data, q, limit, dialect, out);
    if (out.len === 0) {
      out.off = valueStart;
      return -1;
    }
    return 1;
  }
  return 0;
}

/** ct_sip_next_header: the next value of a comma list in the same header (after a ',',
 * then the rule's search text). 1, 0 or -1 like getHeader. */
export function nextHeader(
  data: Uint8Array,
  from: number,
  limit: number,
  rule: HeaderRule,
  dialect: Dialect,
  out: Match,
): number {
  const search = rule.search as Uint8Array;
  let p = headerSearch(data, from, limit, COMMA);
  if (p < 0) return 0;
  p = headerSearch(data, p, limit, search);
  if (p < 0) return 0;
  p += search.length;
  out.len = measure(rule, data, p, limit, dialect, out);
  if (out.len === 0) {
    out.off = p;
    return -1;
  }
  return 1;
}

const COMMA = pattern(",");

/** Where a walk over a header's values stands: in a comma list or not. */
export interface HeaderWalk {
  inHeader: boolean;
}

/** ct_sip_walk_headers: the first value that measures, from `from`; values that do not
 * are skipped. With a walk, a comma list is continued first (the 2022 fix: the search
 * restarts where the failed value was, not further). */
export function walkHeaders(
  data: Uint8Array,
  from: number,
  limit: number,
  rule: HeaderRule,
  walk: HeaderWalk | null,
  dialect: Dialect,
  out: Match,
): number {
  let at = from;
  if (walk?.inHeader) {
    for (;;) {
      const ret = nextHeader(data, at, limit, rule, dialect, out);
      if (ret > 0) return ret;
      if (ret === 0) break;
      at = out.off;
    }
    walk.inHeader = false;
  }
  for (;;) {
    const ret = getHeader(data, at, limit, rule, dialect, out);
    if (ret > 0) break;
    if (ret === 0) return 0;
    at = out.off;
  }
  if (walk) walk.inHeader = true;
  return 1;
}

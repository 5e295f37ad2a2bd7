// SDP lines (ct_sip_get_sdp_header): a line start (CR, LF or CRLF before it) whose first
// two bytes caselessly are the type ("v=", "o=", "c=", "m="), optionally stopping at a
// terminating type; o=/c= then search "IN IP4 " or "IN IP6 " (by family, case-sensitive,
// on the same line) and take the address; m= takes "media SP digits"; v= takes digits.

import { sdpParseAddr } from "./address.ts";
import { ascii, caselessAt, exactAt, isAlpha, isDigit, pattern } from "./chars.ts";

// Local copies: an imported binding costs a check on every read in a hot loop.
const CR = 0x0d;
const LF = 0x0a;
const SP = 0x20;

import type { Dialect } from "./dialect.ts";
import type { Match } from "./header.ts";
import { nextLineEnd } from "./line-end.ts";

export enum SdpType {
  Version,
  Owner,
  Connection,
  Media,
  Unspec,
}

const NAMES = [pattern("v="), pattern("o="), pattern("c="), pattern("m=")];
const IN_IP4 = ascii("IN IP4 ");
const IN_IP6 = ascii("IN IP6 ");

const scratch = new Uint8Array(16);

function measure(type: SdpType, data: Uint8Array, at: number, limit: number, dialect: Dialect) {
  let p = at;
  if (type === SdpType.Owner || type === SdpType.Connection) {
    const end = sdpParseAddr(data, at, limit, dialect, scratch);
    return end < 0 ? 0 : end - at;
  }
  if (type === SdpType.Media) {
    while (p < limit && isAlpha(data[p])) p++;
    if (p >= limit || data[p] !== SP) return 0;
    p++;
  }
  while (p < limit && isDigit(data[p])) p++;
  return p - at;
}

/** ct_sip_get_sdp_header: 1 (match = the measured value), 0 (none before `term`), -1. */
export function getSdpHeader(
  data: Uint8Array,
  from: number,
  limit: number,
  type: SdpType,
  term: SdpType,
  dialect: Dialect,
  match: Match,
): number {
  const name = NAMES[type];
  const termName = term === SdpType.Unspec ? null : NAMES[term];
  for (let p = from; p < limit; p++) {
    p = nextLineEnd(data, p, limit);
    if (p >= limit) break;
    const b = data[p];
    if (++p >= limit) break;
    if (b === CR && data[p] === LF) {
      if (++p >= limit) break;
    }
    if (termName !== null && caselessAt(data, p, limit, termName)) break;
    if (!caselessAt(data, p, limit, name)) continue;
    let q = p + 2;
    if (type === SdpType.Owner || type === SdpType.Connection) {
      const needle = dialect.family === 4 ? IN_IP4 : IN_IP6;
      const last = limit - needle.length;
      let found = -1;
      for (let s = q; s < last; s++) {
        if (data[s] === CR || data[s] === LF) break;
        if (exactAt(data, s, data.length, needle)) {
          found = s;
          break;
        }
      }
      if (found < 0) return -1;
      q = found + needle.length;
    }
    match.off = q;
    match.len = measure(type, data, q, limit, dialect);
    return match.len === 0 ? -1 : 1;
  }
  return 0;
}

/** ct_sip_parse_sdp_addr: getSdpHeader, then the address into `out`. */
export function parseSdpAddr(
  data: Uint8Array,
  from: number,
  limit: number,
  type: SdpType,
  term: SdpType,
  dialect: Dialect,
  match: Match,
  out: Uint8Array,
): number {
  const ret = getSdpHeader(data, from, limit, type, term, dialect, match);
  if (ret <= 0) return ret;
  return sdpParseAddr(data, match.off, match.off + match.len, dialect, out) < 0 ? -1 : 1;
}

export enum MediaClass {
  Audio = 1,
  Video = 2,
  Image = 3,
}

const MEDIA = [ascii("audio "), ascii("video "), ascii("image ")];

/** sdp_media_type: the class of an m= value ("audio ", "video ", "image ", case-sensitive),
 * or 0. The type text is MEDIA_TYPE_LENGTH bytes. */
export function mediaClass(data: Uint8Array, match: Match): number {
  for (let i = 0; i < MEDIA.length; i++) {
    if (match.len >= MEDIA[i].length && exactAt(data, match.off, data.length, MEDIA[i])) {
      return i + 1;
    }
  }
  return 0;
}

export const MEDIA_TYPE_LENGTH = 6;

// SDP recognition of nf_conntrack_sip (kernel-helpers.md §6.5): ct_sdp_hdrs_v4/v6,
// ct_sdp_header_search, ct_sip_get_sdp_header, sdp_parse_addr / sdp_addr_len, media_len,
// ct_sip_parse_sdp_addr and sdp_media_type.

import { in4Pton, in6Pton } from "../../spec-core/kernel-pton.ts";
import { addressText } from "./address-text.ts";
import { digitsLength, lettersLength } from "./addresses.ts";
import {
  SIP_EXPECT_AUDIO,
  SIP_EXPECT_IMAGE,
  SIP_EXPECT_VIDEO,
  type SipContext,
} from "./context.ts";
import {
  absolute,
  at,
  CR,
  LF,
  type Message,
  SP,
  startsWith,
  startsWithIgnoringCase,
} from "./message.ts";

export type SdpHeaderType = "version" | "owner" | "connection" | "media";

interface SdpHeader {
  name: string;
  /** Searched for inside the line, case-sensitively, per family. */
  search: { 4: string; 6: string } | null;
  matchLength: (context: SipContext, message: Message, dptr: number, limit: number) => number;
}

/** sdp_parse_addr: in4_pton / in6_pton up to the first non-address byte (no brackets). */
export function sdpParseAddr(
  context: SipContext,
  message: Message,
  cp: number,
  limit: number,
): { bytes: Uint8Array; end: number } | null {
  const read = context.connection.family === 4 ? in4Pton : in6Pton;
  const parsed = read(message.packet.data, absolute(message, cp), limit - cp, -1);
  return parsed === null ? null : { bytes: parsed.bytes, end: parsed.end - message.start };
}

const addressLength: SdpHeader["matchLength"] = (context, message, dptr, limit) => {
  const parsed = sdpParseAddr(context, message, dptr, limit);
  return parsed === null ? 0 : parsed.end - dptr;
};

/** media_len: letters, one space, digits (0 without the space). */
const mediaLength: SdpHeader["matchLength"] = (_context, message, dptr, limit) => {
  const letters = lettersLength(message, dptr, limit);
  const space = dptr + letters;
  if (space >= limit || at(message, space) !== SP) return 0;
  return letters + 1 + digitsLength(message, space + 1, limit);
};

const IN_IP = { 4: "IN IP4 ", 6: "IN IP6 " };

const SDP_HEADERS: Record<SdpHeaderType, SdpHeader> = {
  version: {
    name: "v=",
    search: null,
    matchLength: (_c, message, dptr, limit) => digitsLength(message, dptr, limit),
  },
  owner: { name: "o=", search: IN_IP, matchLength: addressLength },
  connection: { name: "c=", search: IN_IP, matchLength: addressLength },
  media: { name: "m=", search: null, matchLength: mediaLength },
};

/** ct_sdp_header_search: within one line, case-sensitive; must end before the limit. */
function sdpHeaderSearch(message: Message, dptr: number, limit: number, needle: string) {
  const last = limit - needle.length;
  for (let s = dptr; s < last; s++) {
    if (at(message, s) === CR || at(message, s) === LF) return null;
    if (startsWith(message, s, needle)) return s;
  }
  return null;
}

export interface SdpMatch {
  ret: 1 | 0 | -1;
  matchoff: number;
  matchlen: number;
}

/** ct_sip_get_sdp_header: the first line after `dataoff` that starts with the type's
 * name (case-insensitive), stopping at a line that starts with `term`'s name; every line
 * start after a CR or LF counts, SIP headers included. */
export function getSdpHeader(
  context: SipContext,
  message: Message,
  dataoff: number,
  datalen: number,
  type: SdpHeaderType,
  term: SdpHeaderType | null,
): SdpMatch {
  const header = SDP_HEADERS[type];
  const limit = datalen;
  for (let s = dataoff; s < limit; s++) {
    if (at(message, s) !== CR && at(message, s) !== LF) continue;
    s++;
    if (s >= limit) break;
    if (at(message, s - 1) === CR && at(message, s) === LF) {
      s++;
      if (s >= limit) break;
    }
    if (term !== null) {
      const stop = SDP_HEADERS[term].name;
      if (limit - s >= stop.length && startsWithIgnoringCase(message, s, stop)) break;
    }
    if (!(limit - s >= header.name.length && startsWithIgnoringCase(message, s, header.name))) {
      continue;
    }
    let match = s + header.name.length;
    if (header.search !== null) {
      const needle = header.search[context.connection.family];
      const found = sdpHeaderSearch(message, match, limit, needle);
      if (found === null) return { ret: -1, matchoff: match, matchlen: 0 };
      match = found + needle.length;
    }
    const matchlen = header.matchLength(context, message, match, limit);
    if (matchlen === 0) return { ret: -1, matchoff: match, matchlen: 0 };
    return { ret: 1, matchoff: match, matchlen };
  }
  return { ret: 0, matchoff: 0, matchlen: 0 };
}

/** ct_sip_parse_sdp_addr: the header's address, re-read within its own match. */
export function parseSdpAddr(
  context: SipContext,
  message: Message,
  dataoff: number,
  datalen: number,
  type: SdpHeaderType,
  term: SdpHeaderType | null,
): SdpMatch & { addr: string } {
  const found = getSdpHeader(context, message, dataoff, datalen, type, term);
  if (found.ret <= 0) return { ...found, addr: "" };
  const parsed = sdpParseAddr(context, message, found.matchoff, found.matchoff + found.matchlen);
  if (parsed === null) return { ...found, ret: -1, addr: "" };
  return { ...found, addr: addressText(parsed.bytes) };
}

/** sdp_media_types: the media a stream may be, case-sensitive, with the space. */
const SDP_MEDIA_TYPES = [
  { name: "audio ", expectClass: SIP_EXPECT_AUDIO },
  { name: "video ", expectClass: SIP_EXPECT_VIDEO },
  { name: "image ", expectClass: SIP_EXPECT_IMAGE },
];

/** sdp_media_type */
export function sdpMediaType(message: Message, matchoff: number, matchlen: number) {
  for (const type of SDP_MEDIA_TYPES) {
    if (matchlen >= type.name.length && startsWith(message, matchoff, type.name)) return type;
  }
  return null;
}

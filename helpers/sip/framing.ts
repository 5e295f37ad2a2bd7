// sip_help_udp and sip_help_tcp: which bytes of a segment are SIP messages.
// UDP: the whole datagram is one message (at least 11 bytes).
// TCP: messages only from the segment start: each needs a Content-Length header (its
// value ≤ what is left since 2026-03) and a CRLFCRLF after that value; the message is
// through CRLFCRLF + Content-Length bytes (the sum taken mod 2^32 before the fix, as the
// kernel's unsigned int does). A message that would run past the segment ends the loop
// with ACCEPT and no sequence adjustment; a dropped message drops the segment. The
// rewrites' length changes add up (in an s16) to one sequence adjustment per segment.

import type { SipMessage } from "./connection.ts";
import { processMessage } from "./dispatch.ts";
import { CONTENT_LENGTH, getHeader, type Match } from "./header.ts";
import { nextLineEnd } from "./line-end.ts";
import { numberRead, sipStrtouint, strtoul } from "./numbers.ts";

const SHORTEST = 11;
const CR = 0x0d;
const LF = 0x0a;

const match: Match = { off: 0, len: 0 };

/** The verdict and, for TCP, the adjustment to record. */
export interface Framed {
  accept: boolean;
  seqAdjust: number;
}

export const framed: Framed = { accept: true, seqAdjust: 0 };

export function frameUdp(m: SipMessage): Framed {
  framed.seqAdjust = 0;
  framed.accept = true;
  const length = m.data.length;
  if (length < SHORTEST) return framed;
  m.start = 0;
  m.length = length;
  framed.accept = processMessage(m);
  return framed;
}

const s16 = (x: number) => (x << 16) >> 16;

export function frameTcp(m: SipMessage): Framed {
  framed.seqAdjust = 0;
  framed.accept = true;
  if (m.data.length < SHORTEST) return framed;
  const strict = m.dialect.strict;
  let start = 0;
  let remaining = m.data.length;
  let total = 0;
  for (;;) {
    const data = m.data;
    const limit = start + remaining;
    if (getHeader(data, start, limit, CONTENT_LENGTH, m.dialect, match) <= 0) break;
    if (strict) {
      sipStrtouint(data, match.off, remaining - (match.off - start), numberRead);
      if (numberRead.end === match.off || numberRead.value > remaining) break;
    } else {
      strtoul(data, match.off, data.length, 10, numberRead);
    }
    const contentLength = numberRead.value;
    let end = numberRead.end;
    let terminated = false;
    for (; end + 4 <= limit; end++) {
      end = nextLineEnd(data, end, limit - 3);
      if (end + 4 > limit) break;
      if (
        data[end] === CR &&
        data[end + 1] === LF &&
        data[end + 2] === CR &&
        data[end + 3] === LF
      ) {
        terminated = true;
        break;
      }
    }
    if (!terminated) break;
    const length = (end + 4 - start + contentLength) % 0x1_0000_0000;
    if (length > remaining) return framed;
    m.start = start;
    m.length = length;
    if (!processMessage(m)) {
      framed.accept = false;
      return framed;
    }
    const diff = s16(m.length - length);
    total = s16(total + diff);
    start += m.length;
    remaining -= length;
  }
  if (m.natted) framed.seqAdjust = total;
  return framed;
}

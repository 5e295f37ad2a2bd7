// nf_nat_sip's SDP half: the media port search (nf_nat_sdp_media), the m= port, media and
// session c=/o= rewrites, and Content-Length recomputed after each (mangle_content_len:
// the bytes from "v=" to the end of the message). Every function returns false to drop.

import type { ExpectationRequest } from "../core/helper.ts";
import { addressText, printAddress, type SipMessage, sameAddress } from "./connection.ts";
import { CONTENT_LENGTH, getHeader, type Match } from "./header.ts";
import { mangle } from "./mangle.ts";
import { getSdpHeader, SdpType } from "./sdp.ts";

const match: Match = { off: 0, len: 0 };

export function mangleContentLength(m: SipMessage): boolean {
  const d = m.dialect;
  if (getSdpHeader(m.data, m.start, m.limit, SdpType.Version, SdpType.Unspec, d, match) <= 0) {
    return false;
  }
  const contentLength = m.length - (match.off - m.start) + 2;
  if (getHeader(m.data, m.start, m.limit, CONTENT_LENGTH, d, match) <= 0) return false;
  mangle(m, match.off, match.len, String(contentLength >>> 0));
  return true;
}

/** mangle_sdp_packet: the address of the first `type` line from `from` (before `term`). */
function mangleSdpLine(m: SipMessage, from: number, type: SdpType, text: string): boolean {
  if (getSdpHeader(m.data, from, m.limit, type, SdpType.Media, m.dialect, match) <= 0) {
    return false;
  }
  mangle(m, match.off, match.len, text);
  return true;
}

/** nf_nat_sdp_addr: a media-level c= line. */
export function natSdpAddr(m: SipMessage, mediaOff: number, addr: Uint8Array): boolean {
  const text = printAddress(addr, m.dialect.family, false);
  return mangleSdpLine(m, mediaOff, SdpType.Connection, text) && mangleContentLength(m);
}

/** nf_nat_sdp_session: o= must be there; the session c= is optional. */
export function natSdpSession(m: SipMessage, sdpOff: number, addr: Uint8Array): boolean {
  const text = printAddress(addr, m.dialect.family, false);
  if (!mangleSdpLine(m, sdpOff, SdpType.Owner, text)) return false;
  mangleSdpLine(m, sdpOff, SdpType.Connection, text);
  return mangleContentLength(m);
}

function unexpect(m: SipMessage, request: ExpectationRequest, dport: number): void {
  m.expectations.remove(
    (e, c) =>
      c === request.expectClass &&
      e.l4 === request.l4 &&
      e.src === request.src &&
      e.sport === request.sport &&
      e.dst === request.dst &&
      e.dport === dport,
    1,
  );
}

/** nf_nat_sdp_media: the RTP/RTCP pair towards what the peer sees (rtpAddr is updated, as
 * the kernel's daddr), on the SDP's even port or the next free pair (step 2, until the
 * 16-bit port wraps); the m= port is rewritten when it moved. */
export function natSdpMedia(
  m: SipMessage,
  rtp: ExpectationRequest,
  rtpAddr: Uint8Array,
  mediaOff: number,
  mediaLen: number,
): boolean {
  const family = m.dialect.family;
  if (!sameAddress(m.own.src.bytes, m.peer.dst.bytes, family)) {
    rtpAddr.set(m.peer.dst.bytes.subarray(0, family === 4 ? 4 : 16));
  }
  rtp.dst = addressText(rtpAddr, family);
  const savedPort = rtp.dport;
  const sink = m.expectations;
  let port = savedPort;
  for (; port !== 0; port = (port + 2) & 0xffff) {
    const first = sink.expect({ ...rtp, dport: port });
    if (first === "busy") continue;
    if (first !== "ok") {
      port = 0;
      break;
    }
    const second = sink.expect({ ...rtp, dport: port + 1 });
    if (second === "ok") break;
    unexpect(m, rtp, port);
    if (second !== "busy") {
      port = 0;
      break;
    }
  }
  if (port === 0) return false;
  if (port !== savedPort) {
    mangle(m, mediaOff, mediaLen, String(port));
    if (!mangleContentLength(m)) {
      unexpect(m, rtp, port);
      unexpect(m, rtp, port + 1);
      return false;
    }
  }
  return true;
}

// nf_nat_sip's SDP half (kernel-helpers.md §6.8, §6.9): mangle_content_len,
// mangle_sdp_packet, nf_nat_sdp_addr, nf_nat_sdp_port, nf_nat_sdp_session and
// nf_nat_sdp_media (the RTP/RTCP port pair search).

import type { Expectation } from "../../core/model.ts";
import { reach } from "../../spec-core/behaviour.ts";
import { type SipContext, tupleOf, type Verdict } from "./context.ts";
import { getHeader } from "./headers.ts";
import { manglePacket, sprintfAddr } from "./mangle.ts";
import type { Message } from "./message.ts";
import { getSdpHeader, type SdpHeaderType } from "./sdp.ts";

/** mangle_content_len: Content-Length := the bytes from "v=" to the message end. False
 * when there is no "v=" or no Content-Length header (the callers then drop). */
export function mangleContentLength(context: SipContext, message: Message): boolean {
  const version = getSdpHeader(context, message, 0, message.length, "version", null);
  if (version.ret <= 0) return false;
  const length = message.length - version.matchoff + "v=".length;
  const header = getHeader(context, message, 0, message.length, "contentLength");
  if (header.ret <= 0) return false;
  return manglePacket(context, message, header.matchoff, header.matchlen, String(length));
}

type MangleSdpResult = "ok" | "missing" | "failed";

/** mangle_sdp_packet: 0, -ENOENT (no such line, or it does not parse) or -EINVAL. */
function mangleSdpPacket(
  context: SipContext,
  message: Message,
  sdpoff: number,
  type: SdpHeaderType,
  term: SdpHeaderType | null,
  text: string,
): MangleSdpResult {
  const found = getSdpHeader(context, message, sdpoff, message.length, type, term);
  if (found.ret <= 0) return "missing";
  return manglePacket(context, message, found.matchoff, found.matchlen, text) ? "ok" : "failed";
}

/** nf_nat_sdp_addr: the media's own c= address, then the Content-Length. */
export function natSdpAddr(
  context: SipContext,
  message: Message,
  mediaoff: number,
  addr: string,
): Verdict {
  const text = sprintfAddr(context, addr, false);
  if (mangleSdpPacket(context, message, mediaoff, "connection", "media", text) !== "ok") {
    return "drop";
  }
  return mangleContentLength(context, message) ? "accept" : "drop";
}

/** nf_nat_sdp_port: the m= port, then the Content-Length. */
function natSdpPort(
  context: SipContext,
  message: Message,
  mediaoff: number,
  medialen: number,
  port: number,
): boolean {
  if (!manglePacket(context, message, mediaoff, medialen, String(port))) return false;
  return mangleContentLength(context, message);
}

/** nf_nat_sdp_session: o= must be there (else drop); the session c= may be missing
 * (RFC 2327: not required when every media has one); then the Content-Length. */
export function natSdpSession(
  context: SipContext,
  message: Message,
  sdpoff: number,
  addr: string,
): Verdict {
  const text = sprintfAddr(context, addr, false);
  if (mangleSdpPacket(context, message, sdpoff, "owner", "media", text) !== "ok") {
    reach("NAT: SDP without a parsable o= line, dropped");
    return "drop";
  }
  reach("NAT: SDP o= and session c= rewritten");
  if (mangleSdpPacket(context, message, sdpoff, "connection", "media", text) === "failed") {
    return "drop";
  }
  return mangleContentLength(context, message) ? "accept" : "drop";
}

/** nf_nat_sdp_media: the pair goes to tuple[!dir].dst (the address the peer sees), unless
 * the sender is not translated in this direction; RTP at an even port p and RTCP at p + 1,
 * from the SDP's port upwards in steps of 2 until the 16-bit port wraps to 0; a changed
 * port is written into m=. Returns the verdict and the address media now goes to. */
export function natSdpMedia(
  context: SipContext,
  message: Message,
  rtp: Expectation,
  rtcp: Expectation,
  expectClass: number,
  mediaoff: number,
  medialen: number,
): { verdict: Verdict; rtpAddr: string } {
  const sender = tupleOf(context, "this");
  const peer = tupleOf(context, "other");
  const rtpAddr = sender.src === peer.dst ? rtp.dst : peer.dst;
  const savedPort = rtp.dport;
  const list = context.expectations;
  let port = rtp.dport;
  let rtpAt: Expectation = rtp;
  let rtcpAt: Expectation = rtcp;
  for (; port !== 0; port = (port + 2) & 0xffff) {
    rtpAt = { ...rtp, dst: rtpAddr, dport: port };
    const first = list.insert(rtpAt, expectClass);
    if (first === "busy") continue;
    if (first !== "ok") {
      port = 0;
      break;
    }
    rtcpAt = { ...rtcp, dst: rtpAddr, dport: port + 1 };
    const second = list.insert(rtcpAt, expectClass);
    if (second === "ok") break;
    list.remove(rtpAt);
    if (second === "busy") continue;
    port = 0;
    break;
  }
  // "all ports in use for SDP media"
  if (port === 0) {
    reach("NAT: no port pair free for the media, dropped");
    return { verdict: "drop", rtpAddr };
  }
  reach(
    port === savedPort
      ? "NAT: media expected on the SDP's port"
      : "NAT: media moved to another port pair, m= rewritten",
  );
  if (port !== savedPort && !natSdpPort(context, message, mediaoff, medialen, port)) {
    list.remove(rtpAt);
    list.remove(rtcpAt);
    return { verdict: "drop", rtpAddr };
  }
  return { verdict: "accept", rtpAddr };
}

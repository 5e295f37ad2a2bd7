// Media expectations of nf_conntrack_sip (kernel-helpers.md §6.5): process_sdp and
// set_expected_rtp_rtcp, calling nf_nat_sip's SDP half on a NATed connection.

import type { Expectation } from "../../core/model.ts";
import { reach } from "../../spec-core/behaviour.ts";
import { type SipContext, tupleOf, type Verdict } from "./context.ts";
import type { Message } from "./message.ts";
import { natSdpAddr, natSdpMedia, natSdpSession } from "./nat-sdp.ts";
import { simpleStrtoul, sipStrtouint, toU32 } from "./numbers.ts";
import { getSdpHeader, parseSdpAddr, sdpMediaType } from "./sdp.ts";

/** ARRAY_SIZE(sdp_media_types): at most this many media are processed. */
const MAX_MEDIA = 3;

/** set_expected_rtp_rtcp: an RTP/RTCP pair of UDP expectations toward the SDP address.
 * "Direct RTP" through another master's expectation needs a second master; a flow has one
 * (docs/sip.md, config options), so the lookup always ends at once. Returns the verdict and the address
 * the media goes to now (nf_nat_sdp_media may change it). */
function setExpectedRtpRtcp(
  context: SipContext,
  message: Message,
  rtpAddr: string,
  port: number,
  expectClass: number,
  mediaoff: number,
  medialen: number,
): { verdict: Verdict; rtpAddr: string } {
  const { config } = context;
  let source: string | null = null;
  if (config.directMedia) {
    // Only media to the sender's own address, from the signalling peer.
    if (rtpAddr !== tupleOf(context, "this").src) {
      reach("direct media: media to another address than the sender's, not expected");
      return { verdict: "accept", rtpAddr };
    }
    source = tupleOf(context, "other").src;
  } else if (config.externalMedia) {
    // No expectation when the media address routes out of the packet's own device.
    if (config.sameDeviceMedia.includes(rtpAddr)) {
      reach("external media: media out of the packet's own device, not expected");
      return { verdict: "accept", rtpAddr };
    }
    reach("external media: media routed elsewhere, pinholes from anyone");
  } else reach("direct media off: media pinholes from anyone");
  const base = port & ~1;
  const rtp: Expectation = { l4: "udp", src: source, sport: null, dst: rtpAddr, dport: base };
  const rtcp: Expectation = { ...rtp, dport: base + 1 };
  if (context.connection.natted) {
    return natSdpMedia(context, message, rtp, rtcp, expectClass, mediaoff, medialen);
  }
  // -EALREADY (the same pair already expected for another media class) counts as done.
  const list = context.expectations;
  const first = list.insert(rtp, expectClass);
  if (first === "busy") {
    reach("media: RTP clashes with a live expectation, dropped");
    return { verdict: "drop", rtpAddr };
  }
  const second = list.insert(rtcp, expectClass);
  if (second !== "busy") {
    reach("media: RTP and RTCP expected");
    return { verdict: "accept", rtpAddr };
  }
  reach("media: RTCP clashes with a live expectation, dropped");
  if (first === "ok") list.remove(rtp);
  return { verdict: "drop", rtpAddr };
}

/** The m= port as this kernel reads it; 0 = inactive (no digits, or the 2026-04 reader
 * failed). */
function mediaPort(context: SipContext, message: Message, mediaoff: number): number {
  if (context.config.base10Parameters) {
    const parsed = sipStrtouint(message, mediaoff, message.length - mediaoff);
    return parsed.end === mediaoff ? 0 : Number(parsed.value);
  }
  return toU32(simpleStrtoul(message, mediaoff, 10).value);
}

/** process_sdp: the session "v=", its c= (before the first m=), then up to 3 audio/video/
 * image media; under NAT each media's c= and finally o= and the session c= are rewritten
 * to where the media now goes. */
export function processSdp(context: SipContext, message: Message): Verdict {
  const natted = context.connection.natted;
  const version = getSdpHeader(context, message, 0, message.length, "version", null);
  if (version.ret <= 0) {
    reach("SDP: no v= line, nothing expected");
    return "accept";
  }
  const sdpoff = version.matchoff;

  // The session's connection address, if any.
  const session = parseSdpAddr(context, message, sdpoff, message.length, "connection", "media");
  const sessionAddr = session.ret > 0 ? session.addr : null;
  // Since the 2026-03 fix rtp_addr starts as the session address; before it, it was
  // whatever the stack held until a media set it (see the end).
  let rtpAddr: string | null = context.config.sessionAddressGuard ? sessionAddr : null;

  let verdict: Verdict = "accept";
  let mediaoff = sdpoff;
  let processed = 0;
  for (; processed < MAX_MEDIA; ) {
    const media = getSdpHeader(context, message, mediaoff, message.length, "media", null);
    if (media.ret <= 0) break;
    mediaoff = media.matchoff;
    let medialen = media.matchlen;
    const type = sdpMediaType(message, mediaoff, medialen);
    if (type === null) {
      reach("SDP: media of another type skipped");
      mediaoff += medialen; // another media (not counted)
      continue;
    }
    reach(`SDP: ${type.name.trim()} media`);
    mediaoff += type.name.length;
    medialen -= type.name.length;
    const port = mediaPort(context, message, mediaoff);
    if (port === 0) {
      reach("SDP: inactive media (port 0) skipped");
      continue; // an inactive stream (not counted)
    }
    if (port < 1024 || port > 65535) {
      reach("SDP: media port below 1024 or above 65535, dropped");
      return "drop"; // "wrong port"
    }

    // The media's own c= overrides the session's.
    const own = parseSdpAddr(context, message, mediaoff, message.length, "connection", "media");
    if (own.ret > 0) {
      reach("SDP: media with its own c= line");
      rtpAddr = own.addr;
    } else if (sessionAddr !== null) {
      reach("SDP: media to the session's c= address");
      rtpAddr = sessionAddr;
    } else {
      reach("SDP: media without any c= address, dropped");
      return "drop"; // "cannot parse SDP message"
    }

    const expected = setExpectedRtpRtcp(
      context,
      message,
      rtpAddr,
      port,
      type.expectClass,
      mediaoff,
      medialen,
    );
    if (expected.verdict !== "accept") return expected.verdict;
    rtpAddr = expected.rtpAddr;
    if (own.ret > 0 && natted) {
      verdict = natSdpAddr(context, message, mediaoff, rtpAddr);
      if (verdict !== "accept") return verdict;
    }
    processed++;
  }
  if (
    processed === MAX_MEDIA &&
    getSdpHeader(context, message, mediaoff, message.length, "media", null).ret > 0
  )
    reach("SDP: media after the third processed one ignored");
  if (!natted) return verdict;
  // o= and the session c=: since the 2026-03 fix only when some address was found
  // (have_rtp_addr). Before it always, and with no media processed rtp_addr was never set:
  // modelled as CONFIG_INIT_STACK_ALL_ZERO (the distributions' default, as the fix's commit
  // message says) leaves it, the all-zero address.
  if (rtpAddr !== null) return natSdpSession(context, message, sdpoff, rtpAddr);
  if (context.config.sessionAddressGuard) {
    reach("NAT: SDP without an address: o= and c= left alone");
    return verdict;
  }
  reach("NAT: SDP without an address: o= and c= get the all-zero address (before 2026-03)");
  const zero = context.connection.family === 4 ? "0.0.0.0" : "::";
  return natSdpSession(context, message, sdpoff, zero);
}

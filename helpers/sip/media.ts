// process_sdp and set_expected_rtp_rtcp: the media a message's SDP announces becomes an
// RTP and an RTCP expectation (class audio, video or image). The session c= (before the
// first m=) is the default address; each of at most 3 audio/video/image m= lines with a
// port (0 or no digits = inactive, skipped; outside 1024…65535 = drop) takes its own c=,
// else the session's, else the message is dropped.

import type { ExpectationRequest } from "../core/helper.ts";
import { addressText, type SipMessage, sameAddress } from "./connection.ts";
import type { Match } from "./header.ts";
import { natSdpAddr, natSdpMedia, natSdpSession } from "./nat-sdp.ts";
import { numberRead, sipStrtouint, strtoul } from "./numbers.ts";
import { getSdpHeader, MEDIA_TYPE_LENGTH, mediaClass, parseSdpAddr, SdpType } from "./sdp.ts";

const MAX_MEDIA = 3;

const match: Match = { off: 0, len: 0 };
const media: Match = { off: 0, len: 0 };
const sessionAddr = new Uint8Array(16);
const mediaAddr = new Uint8Array(16);
const rtpAddr = new Uint8Array(16);

function sameRequest(request: ExpectationRequest, dport: number) {
  return (
    e: { l4: string; src: string | null; sport: number | null; dst: string; dport: number },
    c: number,
  ) =>
    c === request.expectClass &&
    e.l4 === request.l4 &&
    e.src === request.src &&
    e.sport === request.sport &&
    e.dst === request.dst &&
    e.dport === dport;
}

/** set_expected_rtp_rtcp for one connection (expectations of other masters are not
 * modelled, so the lookup for another master's identical media never finds one). */
function expectMedia(
  m: SipMessage,
  addr: Uint8Array,
  port: number,
  expectClass: number,
  mediaOff: number,
  mediaLen: number,
): boolean {
  const family = m.dialect.family;
  const config = m.config;
  let src: string | null = null;
  if (config.directMedia) {
    if (!sameAddress(addr, m.own.src.bytes, family)) return true;
    src = m.peer.src.text;
  } else if (config.externalMedia && config.sameDeviceMedia.includes(addressText(addr, family))) {
    return true;
  }
  const base = port & ~1;
  const rtp: ExpectationRequest = {
    l4: "udp",
    src,
    sport: null,
    dst: addressText(addr, family),
    dport: base,
    expectClass,
  };
  if (m.natted) return natSdpMedia(m, rtp, addr, mediaOff, mediaLen);
  const sink = m.expectations;
  const first = sink.expect(rtp);
  if (first !== "ok" && first !== "already") return false;
  const second = sink.expect({ ...rtp, dport: base + 1 });
  if (second === "ok" || second === "already") return true;
  if (first === "ok") sink.remove(sameRequest(rtp, base), 1);
  return false;
}

/** process_sdp: false = drop. */
export function processSdp(m: SipMessage): boolean {
  const d = m.dialect;
  if (getSdpHeader(m.data, m.start, m.limit, SdpType.Version, SdpType.Unspec, d, match) <= 0) {
    return true;
  }
  const sdpOff = match.off;
  let haveSession = false;
  let haveRtpAddr = false;
  rtpAddr.fill(0);
  if (
    parseSdpAddr(
      m.data,
      sdpOff,
      m.limit,
      SdpType.Connection,
      SdpType.Media,
      d,
      match,
      sessionAddr,
    ) > 0
  ) {
    haveSession = true;
    // Since the 2026-03 fix rtp_addr starts as the session address; before it only a
    // processed media set it.
    if (d.strict) {
      rtpAddr.set(sessionAddr);
      haveRtpAddr = true;
    }
  }
  let mediaOff = sdpOff;
  for (let processed = 0; processed < MAX_MEDIA; ) {
    if (getSdpHeader(m.data, mediaOff, m.limit, SdpType.Media, SdpType.Unspec, d, media) <= 0) {
      break;
    }
    mediaOff = media.off;
    const expectClass = mediaClass(m.data, media);
    if (expectClass === 0) {
      mediaOff += media.len;
      continue;
    }
    mediaOff += MEDIA_TYPE_LENGTH;
    const mediaLen = media.len - MEDIA_TYPE_LENGTH;
    let port: number;
    if (d.strict) {
      sipStrtouint(m.data, mediaOff, m.length - (mediaOff - m.start), numberRead);
      port = numberRead.end === mediaOff ? 0 : numberRead.value;
    } else {
      port = strtoul(m.data, mediaOff, m.data.length, 10, numberRead).value;
    }
    if (port === 0) continue;
    if (port < 1024 || port > 65535) return false;
    let mediaC = false;
    if (
      parseSdpAddr(
        m.data,
        mediaOff,
        m.limit,
        SdpType.Connection,
        SdpType.Media,
        d,
        match,
        mediaAddr,
      ) > 0
    ) {
      mediaC = true;
      rtpAddr.set(mediaAddr);
    } else if (haveSession) {
      rtpAddr.set(sessionAddr);
    } else {
      return false;
    }
    haveRtpAddr = true;
    if (!expectMedia(m, rtpAddr, port, expectClass, mediaOff, mediaLen)) return false;
    if (mediaC && m.natted && !natSdpAddr(m, mediaOff, rtpAddr)) return false;
    processed++;
  }
  // The session rewrite only with an address (2026-03, have_rtp_addr). Before, an SDP
  // without a processed media was rewritten with the uninitialised rtp_addr, which
  // CONFIG_INIT_STACK_ALL_ZERO (the distributions' default, as the fix's commit message
  // says) leaves all zero: rtpAddr is zero-filled above.
  if (!m.natted) return true;
  if (haveRtpAddr || !d.strict) return natSdpSession(m, sdpOff, rtpAddr);
  return true;
}

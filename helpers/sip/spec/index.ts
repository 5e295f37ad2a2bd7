// The reference spec model of the Linux SIP helper (nf_conntrack_sip + nf_nat_sip as in
// 6.18, the 2026 fixes as options), written from kernel-helpers.md §1 and §6 and the
// sources for obviousness. It turns a whole flow into an outcome, packet by packet:
// sip_help_udp / sip_help_tcp here, each message in messages.ts.
//
// Files, each mirroring the kernel functions it names: message.ts (the bytes, ctype),
// numbers.ts (simple_strtoul, sip_strtouint), addresses.ts (sip_parse_addr, sip_parse_port,
// epaddr_len, skp_epaddr_len), headers.ts (ct_sip_get_header and the header walk), uris.ts
// (ct_sip_parse_header_uri, ct_sip_parse_request), parameters.ts (ct_sip_parse_*_param,
// ct_sip_parse_transport), sdp.ts (ct_sip_get_sdp_header, media types), media.ts
// (process_sdp, set_expected_rtp_rtcp), register.ts (REGISTER, flush_expectations),
// messages.ts (dispatch), nat-sip.ts / nat-sdp.ts / mangle.ts (nf_nat_sip).
//
// Not modelled (docs/sip.md, config options): timers (re-arming shows nothing); "direct RTP" through
// another master's expectation (a flow has one master); the UDP destination-port rewrite of
// forced_dport on REPLY (no per-packet ports); linearize failures. Stand-ins: bytes past the
// payload read as NUL; packets carry bare IP/TCP/UDP headers for the 65535-byte limit; a
// Content-Length that wraps msglen to 0 (pre-2026-03 only) stops the walk where the kernel
// would loop forever; before the 2026-03 have_rtp_addr fix an SDP with no processed
// media had its o=/c= rewritten to an uninitialised stack address: modelled as all-zero
// (CONFIG_INIT_STACK_ALL_ZERO).

import type { Dir, Flow, Outcome, Trace } from "../../core/model.ts";
import { reach } from "../../spec-core/behaviour.ts";
import { connectionOf } from "../../spec-core/connection.ts";
import { ExpectationList } from "../../spec-core/expectation-list.ts";
import { type HelperResult, traceSegments } from "../../spec-core/segment-loop.ts";
import { SequenceAdjustment } from "../../spec-core/sequence-adjustment.ts";
import {
  initialUdpConntrack,
  replyWithoutConntrack,
  type UdpConntrack,
} from "../../spec-core/udp-conntrack.ts";
import { parseSipConfig } from "./config.ts";
import { SIP_MAX_EXPECTED, type SipContext, type SipMaster, type Verdict } from "./context.ts";
import { getHeader } from "./headers.ts";
import type { Message, Packet } from "./message.ts";
import { processSipMessage } from "./messages.ts";
import { simpleStrtoul, sipStrtouint, toU32 } from "./numbers.ts";

/** strlen("SIP/2.0 200"): shorter payloads are not looked at. */
const SHORTEST_MESSAGE = 11;

/** sip_help_udp: the whole datagram is one message. */
function helpUdp(context: SipContext, packet: Packet): Verdict {
  if (packet.data.length < SHORTEST_MESSAGE) {
    reach("shorter than 11 bytes: not looked at");
    return "accept";
  }
  return processSipMessage(context, { packet, start: 0, length: packet.data.length });
}

/** The Content-Length value as sip_help_tcp holds it, or null (stop looking). */
function contentLength(context: SipContext, message: Message, matchoff: number) {
  const { config } = context;
  if (config.base10Parameters) {
    const parsed = sipStrtouint(message, matchoff, message.length - matchoff);
    if (parsed.end === matchoff) {
      reach("TCP: Content-Length unreadable: walk ends");
      return null;
    }
    return { value: Number(parsed.value), end: parsed.end };
  }
  const parsed = simpleStrtoul(message, matchoff, 10);
  // Before the 2026-03 fix the value went into an unsigned int (mod 2^32); after it into
  // an unsigned long (mod 2^64, compared with the remaining length below).
  const value = config.contentLengthWithinSegment ? Number(parsed.value) : toU32(parsed.value);
  return { value, end: parsed.end };
}

/** sip_help_tcp: messages one after another from the segment's start, each framed by its
 * Content-Length and the blank line; the first that does not fit ends the walk. Returns
 * the verdict and the sum of the rewrites' length changes (tdiff), or null when the
 * kernel returns before recording it. */
function helpTcp(context: SipContext, packet: Packet): { verdict: Verdict; delta: number | null } {
  const total = packet.data.length;
  if (total < SHORTEST_MESSAGE) {
    reach("shorter than 11 bytes: not looked at");
    return { verdict: "accept", delta: 0 };
  }
  let verdict: Verdict = "accept";
  let delta = 0; // s16 tdiff
  let start = 0;
  let datalen = total;
  for (;;) {
    const rest: Message = { packet, start, length: datalen };
    const header = getHeader(context, rest, 0, datalen, "contentLength");
    if (header.ret <= 0) {
      reach("TCP: no Content-Length: walk ends");
      break;
    }
    const clen = contentLength(context, rest, header.matchoff);
    if (clen === null) break;
    if (context.config.contentLengthWithinSegment && clen.value > datalen) {
      reach("TCP: Content-Length past the segment: walk ends");
      break;
    }
    let end = clen.end;
    let term = false;
    for (; end + 4 <= datalen; end++) {
      const d = packet.data;
      const i = start + end;
      if (d[i] === 0x0d && d[i + 1] === 0x0a && d[i + 2] === 0x0d && d[i + 3] === 0x0a) {
        term = true;
        break;
      }
    }
    if (!term) {
      reach("TCP: no blank line after Content-Length: walk ends");
      break;
    }
    // msglen is an unsigned int: before the 2026-03 fix a huge Content-Length wraps it.
    const msglen = (end + 4 + clen.value) % 2 ** 32;
    if (msglen > datalen) {
      reach("TCP: message continues past the segment: not processed, no adjustment");
      return { verdict: "accept", delta: null };
    }
    // A wrapped length of 0 makes the kernel loop forever on the same bytes; stop here.
    if (msglen === 0) {
      reach("TCP: Content-Length wraps the message length to 0 (before 2026-03)");
      break;
    }
    if (start > 0) reach("TCP: another message after the first in the segment");
    const message: Message = { packet, start, length: msglen };
    verdict = processSipMessage(context, message);
    if (verdict !== "accept") break;
    const diff = message.length - msglen;
    delta = ((delta + diff) << 16) >> 16;
    start += message.length;
    datalen = datalen - msglen;
  }
  return { verdict, delta };
}

function newContext(flow: Flow): Omit<SipContext, "dir"> {
  const connection = connectionOf(flow, { helper: "sip", l4: ["udp", "tcp"] });
  const config = parseSipConfig(flow.config);
  const master: SipMaster = { registerCseq: 0, inviteCseq: 0, forcedDport: 0 };
  reach(connection.l4 === "tcp" ? "TCP" : "UDP");
  reach(`config: strict parsing ${config.base10Parameters ? "on" : "off (before the 2026 fixes)"}`);
  if (!config.directMedia)
    reach(`config: direct media off, external media ${config.externalMedia ? "on" : "off"}`);
  if (!config.directSignalling) reach("config: direct signalling off");
  return { connection, config, master, expectations: new ExpectationList(SIP_MAX_EXPECTED) };
}

export function sipSpecTrace(flow: Flow): Trace {
  const shared = newContext(flow);
  const tcp = shared.connection.l4 === "tcp";
  const sequenceAdjustment = { orig: new SequenceAdjustment(), reply: new SequenceAdjustment() };
  // UDP: which datagrams reach the helper, and when its conntrack dies (spec-core/udp-conntrack.ts,
  // measured on 6.18.44). TCP flows start after the handshake: always helped.
  let udp: UdpConntrack = tcp ? "helped" : initialUdpConntrack(flow.segments);
  const help = (dir: Dir, seq: number, data: Uint8Array): HelperResult => {
    if (udp === "unhelped") {
      reach("UDP: datagram of a conntrack without the helper");
      return { verdict: "accept", data };
    }
    if (udp === "none" && dir === "reply") {
      reach(
        shared.connection.natted
          ? "NAT: UDP server datagram with no conntrack: dropped"
          : "UDP: server datagram with no conntrack: a conntrack without the helper",
      );
      const { verdict, next } = replyWithoutConntrack(shared.connection.natted);
      udp = next;
      return { verdict, data };
    }
    // A client datagram while there is no conntrack makes a new one with the helper.
    const creating = udp === "none";
    udp = "helped";
    // "No data?": an empty payload is accepted untouched (before the master refresh).
    if (data.length === 0) {
      reach("empty segment");
      return { verdict: "accept", data };
    }
    const context: SipContext = { ...shared, dir };
    const packet: Packet = { data: Uint8Array.from(data) };
    if (!tcp) {
      const verdict = helpUdp(context, packet);
      if (verdict === "accept") return { verdict, data: packet.data };
      if (creating) {
        reach("UDP: first datagram dropped: its conntrack destroyed with the expectations");
        // The unconfirmed conntrack is destroyed with its expectations and SIP state
        // (measured: RFC 4475 inv2543 under SNAT ⇒ NEW, NEW, then both gone).
        shared.expectations.removeWhere(() => true);
        Object.assign(shared.master, { registerCseq: 0, inviteCseq: 0, forcedDport: 0 });
        udp = "none";
      }
      return { verdict, data };
    }
    const { verdict, delta } = helpTcp(context, packet);
    if (verdict !== "accept") return { verdict, data };
    // nf_nat_sip_seq_adjust: one record for the whole segment, at its original seq.
    if (shared.connection.natted && delta !== null && delta !== 0)
      reach("NAT: TCP segment's length changed (sequence adjustment)");
    if (shared.connection.natted && delta !== null) sequenceAdjustment[dir].record(seq, delta);
    return { verdict, data: packet.data };
  };
  return traceSegments(flow.segments, {
    help,
    expectations: shared.expectations,
    ...(tcp ? { sequenceAdjustment } : {}),
  });
}

export function sipSpec(flow: Flow): Outcome {
  return sipSpecTrace(flow).outcome;
}

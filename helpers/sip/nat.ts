// nf_nat_sip: the rewrites of a message on a source-NATed connection. An address:port is
// rewritten only where it is one of the connection's endpoints (map_addr): the sender's
// source becomes what the peer sees (tuple[!dir].dst), the receiver's destination becomes
// its real address (tuple[!dir].src, port forced_dport when set). Rewritten: the
// Request-URI, the first Via of the connection's transport (with maddr=, received=,
// rport=), every Contact, the first From and To. Content-Length is recomputed by the SDP
// rewrites (nat-sdp.ts).

import { newParsedAddress } from "./address.ts";
import { caselessAt, pattern } from "./chars.ts";
import { printAddress, printAddressPort, type SipMessage, sameAddress } from "./connection.ts";
import { CONTACT, FROM, type HeaderRule, type Match, TO, VIA_TCP, VIA_UDP } from "./header.ts";
import { mangle } from "./mangle.ts";
import { numberRead } from "./numbers.ts";
import { parseAddressParam, parseNumericalParam, Transport } from "./params.ts";
import { parseHeaderUri, parseRequest, uriEnd } from "./uri.ts";

const SIP_VERSION = pattern("SIP/2.0");
const MADDR = pattern("maddr=");
const RECEIVED = pattern("received=");
const RPORT = pattern("rport=");

const match: Match = { off: 0, len: 0 };
const param: Match = { off: 0, len: 0 };
const parsed = newParsedAddress();
const paramAddress = new Uint8Array(16);
const walk = { inHeader: false };

/** map_addr on the address:port text at [off, off+len). */
export function mapAddr(m: SipMessage, off: number, len: number, addr: Uint8Array, port: number) {
  const { own, peer } = m;
  const family = m.dialect.family;
  let target: Uint8Array;
  let newPort: number;
  if (sameAddress(own.src.bytes, addr, family) && own.sport === port) {
    target = peer.dst.bytes;
    newPort = peer.dport;
  } else if (sameAddress(own.dst.bytes, addr, family) && own.dport === port) {
    target = peer.src.bytes;
    newPort = m.state.forcedDport || peer.sport;
  } else {
    return;
  }
  if (sameAddress(target, addr, family) && newPort === port) return;
  mangle(m, off, len, printAddressPort(target, family, newPort));
}

function mapFirst(m: SipMessage, rule: HeaderRule): void {
  if (parseHeaderUri(m.data, m.start, m.limit, rule, null, m.dialect, match, parsed) > 0) {
    mapAddr(m, match.off, match.len, parsed.bytes, parsed.port);
  }
}

function mapVia(m: SipMessage, request: boolean): void {
  const rule = m.state.transport === Transport.Tcp ? VIA_TCP : VIA_UDP;
  const d = m.dialect;
  if (parseHeaderUri(m.data, m.start, m.limit, rule, null, d, match, parsed) <= 0) return;
  const { own, peer } = m;
  const family = d.family;
  const end = request ? own.src : own.dst;
  const port = request ? own.sport : own.dport;
  if (!sameAddress(parsed.bytes, end.bytes, family) || parsed.port !== port) return;
  const before = m.length;
  mapAddr(m, match.off, match.len, parsed.bytes, parsed.port);
  const after = match.off + match.len + m.length - before;
  if (
    parseAddressParam(m.data, after, m.limit, MADDR, true, d, param, paramAddress) &&
    sameAddress(paramAddress, own.src.bytes, family) &&
    !sameAddress(paramAddress, peer.dst.bytes, family)
  ) {
    mangle(m, param.off, param.len, printAddress(peer.dst.bytes, family, true));
  }
  if (
    parseAddressParam(m.data, after, m.limit, RECEIVED, false, d, param, paramAddress) &&
    sameAddress(paramAddress, own.dst.bytes, family) &&
    !sameAddress(paramAddress, peer.src.bytes, family)
  ) {
    mangle(m, param.off, param.len, printAddress(peer.src.bytes, family, false));
  }
  if (parseNumericalParam(m.data, after, m.limit, RPORT, d, param) > 0) {
    const n = numberRead.value;
    const inRange = !d.strict || (n >= 1024 && n <= 65535);
    const port16 = n & 0xffff;
    if (inRange && port16 === own.dport && port16 !== peer.sport) {
      mangle(m, param.off, param.len, String(peer.sport));
    }
  }
}

/** The message rewrite after an accepted message; false = drop. */
export function natMessage(m: SipMessage): boolean {
  const request = !caselessAt(m.data, m.start, m.data.length, SIP_VERSION);
  if (request && parseRequest(m.data, m.start, m.limit, m.dialect, match, parsed) > 0) {
    mapAddr(m, match.off, match.len, parsed.bytes, parsed.port);
  }
  mapVia(m, request);
  let from = m.start;
  walk.inHeader = false;
  while (parseHeaderUri(m.data, from, m.limit, CONTACT, walk, m.dialect, match, parsed) > 0) {
    // The next search starts where this URI ended before the rewrite (as the kernel's
    // coff does), not where it ends after it.
    from = uriEnd.at;
    mapAddr(m, match.off, match.len, parsed.bytes, parsed.port);
  }
  mapFirst(m, FROM);
  mapFirst(m, TO);
  // forced_dport is only expected with UDP; there the reply's destination port is
  // rewritten (not modelled: a flow has no per-packet ports).
  if (m.dir === "reply" && m.state.forcedDport !== 0 && m.state.transport !== Transport.Udp) {
    return false;
  }
  return true;
}

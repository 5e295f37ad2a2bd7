// REGISTER: a request whose first parsable Contact names the sender (transport= matching
// the connection, non-zero expiry from Expires: or the Contact's expires=) expects the
// incoming signalling connection (class signalling, PERMANENT|INACTIVE, not modelled);
// the registrar's response with the same CSeq keeps it (2xx naming it) or flushes it.

import type { ExpectationRequest } from "../core/helper.ts";
import { findNatPort } from "../core/nat-port.ts";
import { newParsedAddress } from "./address.ts";
import { pattern } from "./chars.ts";
import { addressText, printAddressPort, type SipMessage, sameAddress } from "./connection.ts";
import { CONTACT, EXPIRES, getHeader, type Match } from "./header.ts";
import { mangle } from "./mangle.ts";
import { numberRead, sipStrtouint, strtoul } from "./numbers.ts";
import { parseNumericalParam, parseTransport, Transport } from "./params.ts";
import { parseHeaderUri, uriEnd } from "./uri.ts";

export const SIGNALLING = 0;
const EXPIRES_PARAM = pattern("expires=");

const match: Match = { off: 0, len: 0 };
const param: Match = { off: 0, len: 0 };
const contact = newParsedAddress();
const walk = { inHeader: false };

function expiresHeader(m: SipMessage): number {
  if (getHeader(m.data, m.start, m.limit, EXPIRES, m.dialect, match) <= 0) return 0;
  if (m.dialect.strict) {
    return sipStrtouint(m.data, match.off, m.limit - match.off, numberRead).value;
  }
  return strtoul(m.data, match.off, m.data.length, 10, numberRead).value;
}

function l4Of(transport: Transport) {
  return transport === Transport.Tcp ? ("tcp" as const) : ("udp" as const);
}

/** nf_nat_sip_expect: the expectation towards what the registrar sees, with the port
 * search, and the Contact rewritten when address or port changed. */
function natExpect(m: SipMessage, request: ExpectationRequest, off: number, len: number): boolean {
  const family = m.dialect.family;
  const hairpin = sameAddress(m.own.src.bytes, m.peer.dst.bytes, family);
  const target = hairpin ? contact.bytes : m.peer.dst.bytes;
  const sourcePort = m.state.forcedDport || m.own.sport;
  const wanted = request.dport === sourcePort ? m.peer.dport : request.dport;
  const savedPort = request.dport;
  const savedDst = request.dst;
  const natRequest = { ...request, dst: addressText(target, family) };
  const port = findNatPort(m.expectations, natRequest, wanted);
  if (port === 0) return false;
  if (natRequest.dst !== savedDst || port !== savedPort) {
    mangle(m, off, len, printAddressPort(target, family, port));
  }
  return true;
}

export function processRegisterRequest(m: SipMessage, cseq: number): boolean {
  let expires = expiresHeader(m);
  const d = m.dialect;
  const ret = parseHeaderUri(m.data, m.start, m.limit, CONTACT, null, d, match, contact);
  if (ret < 0) return false;
  if (ret === 0) return true;
  if (!sameAddress(m.own.src.bytes, contact.bytes, d.family)) return true;
  const afterUri = match.off + match.len;
  const { off, len } = match;
  const transport = parseTransport(m.data, afterUri, m.limit, m.state.transport, param);
  if (transport === Transport.None) return true;
  const found = parseNumericalParam(m.data, afterUri, m.limit, EXPIRES_PARAM, d, param);
  if (found < 0) return false;
  if (found > 0) expires = numberRead.value;
  if (expires === 0) {
    m.state.registerCseq = cseq;
    return true;
  }
  const request: ExpectationRequest = {
    l4: l4Of(transport),
    src: m.config.directSignalling ? m.peer.src.text : null,
    sport: null,
    dst: addressText(contact.bytes, d.family),
    dport: contact.port,
    expectClass: SIGNALLING,
  };
  const ok = m.natted ? natExpect(m, request, off, len) : m.expectations.expect(request) === "ok";
  if (ok) m.state.registerCseq = cseq;
  return ok;
}

function flushSignalling(m: SipMessage): void {
  m.expectations.remove((_, c) => c === SIGNALLING, 1);
}

export function processRegisterResponse(m: SipMessage, cseq: number, code: number): boolean {
  if (m.state.registerCseq !== cseq) return true;
  if (code >= 100 && code <= 199) return true;
  if (code < 200 || code > 299) {
    flushSignalling(m);
    return true;
  }
  const expires = expiresHeader(m);
  const d = m.dialect;
  let from = m.start;
  walk.inHeader = false;
  for (;;) {
    let contactExpires = expires;
    const ret = parseHeaderUri(m.data, from, m.limit, CONTACT, walk, d, match, contact);
    if (ret < 0) return false;
    if (ret === 0) break;
    from = uriEnd.at;
    if (!sameAddress(m.own.dst.bytes, contact.bytes, d.family)) continue;
    const afterUri = match.off + match.len;
    const transport = parseTransport(m.data, afterUri, m.limit, m.state.transport, param);
    if (transport === Transport.None) continue;
    const found = parseNumericalParam(m.data, afterUri, m.limit, EXPIRES_PARAM, d, param);
    if (found < 0) return false;
    if (found > 0) contactExpires = numberRead.value;
    if (contactExpires === 0) break;
    const l4 = l4Of(transport);
    const dst = addressText(contact.bytes, d.family);
    const port = contact.port;
    // refresh_signalling_expectation: re-armed (timer, INACTIVE cleared: not modelled).
    const live = m.expectations.find(
      (e, c) => c === SIGNALLING && e.dst === dst && e.l4 === l4 && e.dport === port,
    );
    if (live) return true;
  }
  flushSignalling(m);
  return true;
}

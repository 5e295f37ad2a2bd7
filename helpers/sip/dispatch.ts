// process_sip_msg: a message is a response when it starts "SIP/2.0 " (caseless), else a
// request. Requests INVITE, UPDATE, ACK, PRACK, BYE, REGISTER (method at offset 0,
// caseless, then ' ' and a letter) and responses to INVITE, UPDATE, PRACK, REGISTER (the
// method after the CSeq number) go to their handlers; those need a numeric CSeq (else
// drop), responses a non-zero status code. An accepted message on a NATed connection is
// then rewritten.

import { newParsedAddress } from "./address.ts";
import { caselessAt, isAlpha, pattern, SP } from "./chars.ts";
import type { SipMessage } from "./connection.ts";
import { sameAddress } from "./connection.ts";
import { CSEQ, getHeader, type Match, VIA_UDP } from "./header.ts";
import { processSdp } from "./media.ts";
import { natMessage } from "./nat.ts";
import { numberRead, sipStrtouint, strtoul } from "./numbers.ts";
import { processRegisterRequest, processRegisterResponse, SIGNALLING } from "./register.ts";
import { parseHeaderUri } from "./uri.ts";

const RESPONSE = pattern("SIP/2.0 ");
const STATUS_AT = 8; // strlen("SIP/2.0 ")
const SHORTEST = 11; // strlen("SIP/2.0 200")

enum Method {
  Invite,
  Update,
  Ack,
  Prack,
  Bye,
  Register,
}

const METHODS: readonly [Method, Uint8Array, boolean][] = [
  [Method.Invite, pattern("INVITE"), true],
  [Method.Update, pattern("UPDATE"), true],
  [Method.Ack, pattern("ACK"), false],
  [Method.Prack, pattern("PRACK"), true],
  [Method.Bye, pattern("BYE"), false],
  [Method.Register, pattern("REGISTER"), true],
];

const match: Match = { off: 0, len: 0 };
const via = newParsedAddress();

function flushMedia(m: SipMessage): void {
  m.expectations.remove((_, c) => c !== SIGNALLING);
}

/** The CSeq number, or -1 = drop ("cannot parse cseq" / "cannot get cseq"). */
function cseqOf(m: SipMessage): number {
  if (getHeader(m.data, m.start, m.limit, CSEQ, m.dialect, match) <= 0) return -1;
  const at = match.off;
  if (m.dialect.strict) {
    sipStrtouint(m.data, at, m.limit - at, numberRead);
    return numberRead.end === at ? -1 : numberRead.value;
  }
  const value = strtoul(m.data, at, m.data.length, 10, numberRead).value;
  return value === 0 && m.data[at] !== 0x30 ? -1 : value;
}

function processRequest(m: SipMessage): boolean {
  const { data, start, length } = m;
  if (m.natted) {
    // Cisco phones: a Via naming the sender with another port is where replies go.
    if (
      parseHeaderUri(data, start, m.limit, VIA_UDP, null, m.dialect, match, via) > 0 &&
      via.port !== m.own.sport &&
      sameAddress(via.bytes, m.own.src.bytes, m.dialect.family)
    ) {
      m.state.forcedDport = via.port;
    }
  }
  for (const [method, name] of METHODS) {
    const n = name.length;
    if (length < n + 2 || !caselessAt(data, start, data.length, name)) continue;
    if (data[start + n] !== SP || !isAlpha(data[start + n + 1])) continue;
    const cseq = cseqOf(m);
    if (cseq < 0) return false;
    switch (method) {
      case Method.Invite: {
        flushMedia(m);
        const ok = processSdp(m);
        if (ok) m.state.inviteCseq = cseq;
        return ok;
      }
      case Method.Bye:
        flushMedia(m);
        return true;
      case Method.Register:
        return processRegisterRequest(m, cseq);
      default:
        return processSdp(m);
    }
  }
  return true;
}

function processResponse(m: SipMessage): boolean {
  const { data, start, length } = m;
  if (length < SHORTEST) return true;
  const code = m.dialect.strict
    ? sipStrtouint(data, start + STATUS_AT, length - STATUS_AT, numberRead).value
    : strtoul(data, start + STATUS_AT, data.length, 10, numberRead).value;
  if (code === 0) return false;
  const cseq = cseqOf(m);
  if (cseq < 0) return false;
  const methodAt = match.off + match.len + 1;
  for (const [method, name, answered] of METHODS) {
    if (!answered) continue;
    if (length < methodAt - start + name.length) continue;
    if (!caselessAt(data, methodAt, data.length, name)) continue;
    if (method === Method.Register) return processRegisterResponse(m, cseq, code);
    if (code >= 100 && code <= 299) return processSdp(m);
    if (m.state.inviteCseq === cseq) flushMedia(m);
    return true;
  }
  return true;
}

/** One message at [m.start, m.start + m.length); false = drop the packet. */
export function processMessage(m: SipMessage): boolean {
  const response = caselessAt(m.data, m.start, m.data.length, RESPONSE);
  const ok = response ? processResponse(m) : processRequest(m);
  return ok && (!m.natted || natMessage(m));
}

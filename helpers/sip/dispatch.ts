// process_sip_msg: a message is a response when it starts "SIP/2.0 " (caseless), else a
// request. Requests INVITE, UPDATE, ACK, PRACK, BYE, REGISTER (method at offset 0,
// caseless, then ' ' and a letter) and responses to INVITE, UPDATE, PRACK, REGISTER (the
// method after the CSeq number) go to their handlers; those need a numeric CSeq (else
// drop), responses a non-zero status code. An accepted message on a NATed connection is
// then rewritten.

import { newParsedAddress } from "./address.ts";
import { caselessAt, isAlpha, pattern } from "./chars.ts";
import type { SipMessage } from "./connection.ts";
import { sameAddress } from "./connection.ts";
import { CSEQ, getHeader, type Match, VIA_UDP } from "./header.ts";
import { processSdp } from "./media.ts";
import { natMessage } from "./nat.ts";
import { numberRead, sipStrtouint, strtoul } from "./numbers.ts";
import { processRegisterRequest, processRegisterResponse, SIGNALLING } from "./register.ts";
import { parseHeaderUri } from "./uri.ts";

// Local copies: an imported binding costs a check on every read in a hot loop.
const SP = 0x20;

const RESPONSE = pattern("SIP/2.0 ");
const STATUS_AT = 8; // strlen("SIP/2.0 ")
const SHORTEST = 11; // strlen("SIP/2.0 200")

const NONE = 0;
const INVITE = 1;
const UPDATE = 2;
const ACK = 3;
const PRACK = 4;
const BYE = 5;
const REGISTER = 6;

const NAMES = [
  new Uint8Array(0),
  pattern("INVITE"),
  pattern("UPDATE"),
  pattern("ACK"),
  pattern("PRACK"),
  pattern("BYE"),
  pattern("REGISTER"),
];

/** The handler whose name starts the bytes at `at` (caselessly, as a prefix), chosen by
 * the first byte: no two names share one. */
function methodAt(data: Uint8Array, at: number, end: number): number {
  let method: number;
  switch (data[at] | 0x20) {
    case 0x69:
      method = INVITE;
      break;
    case 0x75:
      method = UPDATE;
      break;
    case 0x61:
      method = ACK;
      break;
    case 0x70:
      method = PRACK;
      break;
    case 0x62:
      method = BYE;
      break;
    case 0x72:
      method = REGISTER;
      break;
    default:
      return NONE;
  }
  return caselessAt(data, at, end, NAMES[method]) ? method : NONE;
}

const match: Match = { off: 0, len: 0 };
const via = newParsedAddress();

const isMedia = (_: unknown, expectClass: number) => expectClass !== SIGNALLING;

function flushMedia(m: SipMessage): void {
  m.expectations.remove(isMedia);
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
  const method = methodAt(data, start, data.length);
  if (method === NONE) return true;
  const n = NAMES[method].length;
  if (length < n + 2 || data[start + n] !== SP || !isAlpha(data[start + n + 1])) return true;
  const cseq = cseqOf(m);
  if (cseq < 0) return false;
  switch (method) {
    case INVITE: {
      flushMedia(m);
      const ok = processSdp(m);
      if (ok) m.state.inviteCseq = cseq;
      return ok;
    }
    case BYE:
      flushMedia(m);
      return true;
    case REGISTER:
      return processRegisterRequest(m, cseq);
    default:
      return processSdp(m);
  }
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
  const at = match.off + match.len + 1;
  const method = methodAt(data, at, data.length);
  // ACK and BYE have no response handler.
  if (method === NONE || method === ACK || method === BYE) return true;
  if (length < at - start + NAMES[method].length) return true;
  if (method === REGISTER) return processRegisterResponse(m, cseq, code);
  if (code >= 100 && code <= 299) return processSdp(m);
  if (m.state.inviteCseq === cseq) flushMedia(m);
  return true;
}

/** One message at [m.start, m.start + m.length); false = drop the packet. */
export function processMessage(m: SipMessage): boolean {
  const response = caselessAt(m.data, m.start, m.data.length, RESPONSE);
  const ok = response ? processResponse(m) : processRequest(m);
  return ok && (!m.natted || natMessage(m));
}

// One SIP message through nf_conntrack_sip (kernel-helpers.md §6.4, §6.5):
// process_sip_msg, process_sip_request, process_sip_response and the sip_handlers table,
// then nf_nat_sip on a NATed connection.

import { reach } from "../../spec-core/behaviour.ts";
import { type SipContext, tupleOf, type Verdict } from "./context.ts";
import { getHeader } from "./headers.ts";
import { processSdp } from "./media.ts";
import { isAlpha, type Message, startsWithIgnoringCase } from "./message.ts";
import { natSipMessage } from "./nat-sip.ts";
import { simpleStrtoul, sipStrtouint, toU32 } from "./numbers.ts";
import { flushExpectations, processRegisterRequest, processRegisterResponse } from "./register.ts";
import { parseHeaderUri } from "./uris.ts";

type RequestHandler = (context: SipContext, message: Message, cseq: number) => Verdict;
type ResponseHandler = (
  context: SipContext,
  message: Message,
  cseq: number,
  code: number,
) => Verdict;

/** process_invite_request: flush media, then the SDP; invite_cseq on accept. */
const inviteRequest: RequestHandler = (context, message, cseq) => {
  flushExpectations(context, true);
  const verdict = processSdp(context, message);
  if (verdict === "accept") context.master.inviteCseq = cseq;
  return verdict;
};

const sdpRequest: RequestHandler = (context, message) => processSdp(context, message);

/** process_bye_request */
const byeRequest: RequestHandler = (context) => {
  flushExpectations(context, true);
  return "accept";
};

/** process_{invite,update,prack}_response: 1xx/2xx carry SDP; another code answering the
 * INVITE's CSeq ends the call's media. */
const sdpResponse: ResponseHandler = (context, message, cseq, code) => {
  if (code >= 100 && code <= 299) return processSdp(context, message);
  if (context.master.inviteCseq === cseq) {
    reach("failure response to the INVITE's CSeq: media flushed");
    flushExpectations(context, true);
  } else reach("failure response to another CSeq: nothing flushed");
  return "accept";
};

/** sip_handlers, in the kernel's order. */
const SIP_HANDLERS: { method: string; request?: RequestHandler; response?: ResponseHandler }[] = [
  { method: "INVITE", request: inviteRequest, response: sdpResponse },
  { method: "UPDATE", request: sdpRequest, response: sdpResponse },
  { method: "ACK", request: sdpRequest },
  { method: "PRACK", request: sdpRequest, response: sdpResponse },
  { method: "BYE", request: byeRequest },
  { method: "REGISTER", request: processRegisterRequest, response: processRegisterResponse },
];

/** The CSeq number, or null ("cannot get cseq"). Before 2026-04: simple_strtoul base 10 in
 * an unsigned int, where a 0 not written as a leading '0' fails; since, sip_strtouint. */
function readCseq(context: SipContext, message: Message, matchoff: number): number | null {
  if (context.config.base10Parameters) {
    const parsed = sipStrtouint(message, matchoff, message.length - matchoff);
    return parsed.end === matchoff ? null : Number(parsed.value);
  }
  const cseq = toU32(simpleStrtoul(message, matchoff, 10).value);
  const firstIsZero = message.packet.data[message.start + matchoff] === 0x30;
  return cseq === 0 && !firstIsZero ? null : cseq;
}

/** process_sip_request */
function processSipRequest(context: SipContext, message: Message): Verdict {
  // Cisco phones: a top UDP Via naming the sender's own address with another port.
  const own = tupleOf(context, "this");
  const via = parseHeaderUri(context, message, 0, message.length, "viaUdp", null);
  if (via.ret > 0 && via.port !== own.sport && via.addr === own.src) {
    reach("top Via names the sender on another port: forced_dport set (Cisco)");
    context.master.forcedDport = via.port;
  }
  for (const handler of SIP_HANDLERS) {
    if (handler.request === undefined) continue;
    const length = handler.method.length;
    if (message.length < length + 2 || !startsWithIgnoringCase(message, 0, handler.method)) {
      continue;
    }
    const data = message.packet.data;
    if (data[message.start + length] !== 0x20 || !isAlpha(data[message.start + length + 1])) {
      continue;
    }
    reach(`${handler.method} request`);
    const header = getHeader(context, message, 0, message.length, "cseq");
    if (header.ret <= 0) {
      reach("request without CSeq: dropped");
      return "drop"; // "cannot parse cseq"
    }
    const cseq = readCseq(context, message, header.matchoff);
    if (cseq === null) {
      reach("request's CSeq unreadable: dropped");
      return "drop";
    }
    return handler.request(context, message, cseq);
  }
  reach("request of another method");
  return "accept";
}

/** process_sip_response */
function processSipResponse(context: SipContext, message: Message): Verdict {
  if (message.length < "SIP/2.0 200".length) return "accept";
  const codeAt = "SIP/2.0 ".length;
  const code = context.config.base10Parameters
    ? Number(sipStrtouint(message, codeAt, message.length - codeAt).value)
    : toU32(simpleStrtoul(message, codeAt, 10).value);
  if (code === 0) {
    reach("response code 0 or unreadable: dropped");
    return "drop"; // "cannot get code"
  }
  const header = getHeader(context, message, 0, message.length, "cseq");
  if (header.ret <= 0) {
    reach("response without CSeq: dropped");
    return "drop"; // "cannot parse cseq"
  }
  const cseq = readCseq(context, message, header.matchoff);
  if (cseq === null) {
    reach("response's CSeq unreadable: dropped");
    return "drop";
  }
  // The method follows the number after one byte (meant to be a space); a prefix match.
  const methodAt = header.matchoff + header.matchlen + 1;
  for (const handler of SIP_HANDLERS) {
    if (handler.response === undefined) continue;
    if (message.length < methodAt + handler.method.length) continue;
    if (!startsWithIgnoringCase(message, methodAt, handler.method)) continue;
    reach(`response to ${handler.method}`);
    return handler.response(context, message, cseq, code);
  }
  reach("response to another method");
  return "accept";
}

/** process_sip_msg: a response starts "SIP/2.0 " (any case), anything else is a request. */
export function processSipMessage(context: SipContext, message: Message): Verdict {
  const response = startsWithIgnoringCase(message, 0, "SIP/2.0 ");
  let verdict = response
    ? processSipResponse(context, message)
    : processSipRequest(context, message);
  if (verdict === "accept" && context.connection.natted) {
    verdict = natSipMessage(context, message); // "cannot NAT SIP message"
    if (verdict !== "accept") reach("NAT: SIP message could not be rewritten, dropped");
  }
  return verdict;
}

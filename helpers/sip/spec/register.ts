// REGISTER of nf_conntrack_sip (kernel-helpers.md §6.6): process_register_request,
// process_register_response, refresh_signalling_expectation and flush_expectations.

import type { Expectation } from "../../core/model.ts";
import { reach } from "../../spec-core/behaviour.ts";
import { SIP_EXPECT_SIGNALLING, type SipContext, tupleOf, type Verdict } from "./context.ts";
import { getHeader } from "./headers.ts";
import type { Message } from "./message.ts";
import { natSipExpect } from "./nat-sip.ts";
import { parseNumericalParam, parseTransport } from "./parameters.ts";
import { parseHeaderUri, readDecimal } from "./uris.ts";

/** flush_expectations(ct, media): every media expectation, or the newest signalling one. */
export function flushExpectations(context: SipContext, media: boolean): void {
  const isMedia = (expectClass: number) => expectClass !== SIP_EXPECT_SIGNALLING;
  context.expectations.removeWhere(
    (entry) => isMedia(entry.expectClass) === media,
    media ? Number.POSITIVE_INFINITY : 1,
  );
}

/** The Expires header's value; 0 when absent or unreadable. */
function expiresHeader(context: SipContext, message: Message): number {
  const header = getHeader(context, message, 0, message.length, "expires");
  if (header.ret <= 0) return 0;
  return readDecimal(context, message, header.matchoff, message.length).value;
}

/** process_register_request: a permanent, inactive SIGNALLING expectation toward the
 * sender's own Contact, so the registrar (or anyone, without direct signalling) can call
 * in. A flow's connection is never itself expected, so the IPS_EXPECTED test never hits. */
export function processRegisterRequest(
  context: SipContext,
  message: Message,
  cseq: number,
): Verdict {
  let expires = expiresHeader(context, message);
  const contact = parseHeaderUri(context, message, 0, message.length, "contact", null);
  if (contact.ret < 0) {
    reach("REGISTER: Contact unparsable, dropped");
    return "drop"; // "cannot parse contact"
  }
  if (contact.ret === 0) {
    reach("REGISTER without a Contact");
    return "accept";
  }
  // Third-party registrations are not supported.
  if (contact.addr !== tupleOf(context, "this").src) {
    reach("REGISTER: third-party Contact, nothing expected");
    return "accept";
  }
  const paramsAt = contact.matchoff + contact.matchlen;
  const proto = parseTransport(context, message, paramsAt, message.length);
  if (proto === null) {
    reach("REGISTER: Contact's transport= not this connection's, nothing expected");
    return "accept";
  }
  const param = parseNumericalParam(context, message, paramsAt, message.length, "expires=");
  if (param.ret < 0) {
    reach("REGISTER: Contact's expires= unparsable, dropped");
    return "drop"; // "cannot parse expires"
  }
  if (param.ret > 0) expires = param.value;

  let verdict: Verdict = "accept";
  if (expires === 0) reach("REGISTER with expiry 0: nothing expected");
  else reach("REGISTER: the Contact expected (signalling)");
  if (expires !== 0) {
    const expectation: Expectation = {
      l4: proto,
      src: context.config.directSignalling ? tupleOf(context, "other").src : null,
      sport: null,
      dst: contact.addr,
      dport: contact.port,
    };
    if (context.connection.natted) {
      verdict = natSipExpect(context, message, expectation, contact.matchoff, contact.matchlen);
    } else {
      const inserted = context.expectations.insert(expectation, SIP_EXPECT_SIGNALLING);
      verdict = inserted === "ok" ? "accept" : "drop";
    }
  }
  if (verdict === "accept") context.master.registerCseq = cseq;
  return verdict;
}

/** refresh_signalling_expectation: is there a signalling expectation to this Contact?
 * (Its timer would be re-armed and INACTIVE cleared; neither shows in an outcome.) */
function refreshSignallingExpectation(
  context: SipContext,
  addr: string,
  proto: string,
  port: number,
): boolean {
  const found = context.expectations.find(
    ({ expectation, expectClass }) =>
      expectClass === SIP_EXPECT_SIGNALLING &&
      expectation.dst === addr &&
      expectation.l4 === proto &&
      expectation.dport === port,
  );
  return found !== null;
}

/** process_register_response: for the stored REGISTER CSeq only; 1xx nothing, other
 * non-2xx flush; a 2xx keeps the expectation if one of our Contacts still has it with a
 * non-zero expiry, else flushes it. */
export function processRegisterResponse(
  context: SipContext,
  message: Message,
  cseq: number,
  code: number,
): Verdict {
  if (context.master.registerCseq !== cseq) {
    reach("REGISTER response to another CSeq: ignored");
    return "accept";
  }
  if (code >= 100 && code <= 199) {
    reach("REGISTER 1xx response: nothing changes");
    return "accept";
  }
  if (code >= 200 && code <= 299) {
    const expires = expiresHeader(context, message);
    const walk = { value: false };
    let coff = 0;
    for (;;) {
      const contact = parseHeaderUri(context, message, coff, message.length, "contact", walk);
      if (contact.ret < 0) {
        reach("REGISTER 2xx response: Contact unparsable, dropped");
        return "drop"; // "cannot parse contact"
      }
      if (contact.ret === 0) break;
      coff = contact.end;
      if (contact.addr !== tupleOf(context, "this").dst) continue; // third party
      const paramsAt = contact.matchoff + contact.matchlen;
      const proto = parseTransport(context, message, paramsAt, message.length);
      if (proto === null) continue;
      const param = parseNumericalParam(context, message, paramsAt, message.length, "expires=");
      if (param.ret < 0) {
        reach("REGISTER 2xx response: Contact's expires= unparsable, dropped");
        return "drop"; // "cannot parse expires"
      }
      const contactExpires = param.ret > 0 ? param.value : expires;
      if (contactExpires === 0) break;
      if (refreshSignallingExpectation(context, contact.addr, proto, contact.port)) {
        reach("REGISTER 2xx response: the expectation kept");
        return "accept";
      }
    }
  }
  reach("REGISTER response: the signalling expectation flushed");
  flushExpectations(context, false);
  return "accept";
}

// nf_nat_sip's message half (kernel-helpers.md §6.8): map_addr, map_sip_addr, nf_nat_sip
// (Request-URI, top Via with maddr=/received=/rport=, every Contact, From, To) and
// nf_nat_sip_expect (the REGISTER expectation and its Contact).

import type { Expectation } from "../../core/model.ts";
import { reach } from "../../spec-core/behaviour.ts";
import { findExpectationPort } from "../../spec-core/nat-port-search.ts";
import { SIP_EXPECT_SIGNALLING, type SipContext, tupleOf, type Verdict } from "./context.ts";
import { manglePacket, sprintfAddr, sprintfAddrPort } from "./mangle.ts";
import { type Message, startsWithIgnoringCase } from "./message.ts";
import { parseAddressParam, parseNumericalParam } from "./parameters.ts";
import { parseHeaderUri, parseRequest } from "./uris.ts";

/** map_addr: an address:port naming the sender (as it is) becomes the sender as the peer
 * sees it; one naming the receiver (as the sender sees it) becomes the receiver as it is
 * (port: forced_dport when set). Anything else stays. The text always gets a port. */
export function mapAddr(
  context: SipContext,
  message: Message,
  matchoff: number,
  matchlen: number,
  addr: string,
  port: number,
): boolean {
  const own = tupleOf(context, "this");
  const other = tupleOf(context, "other");
  let newAddr: string;
  let newPort: number;
  let names: string;
  if (addr === own.src && port === own.sport) {
    newAddr = other.dst;
    newPort = other.dport;
    names = "the sender";
  } else if (addr === own.dst && port === own.dport) {
    newAddr = other.src;
    newPort = context.master.forcedDport || other.sport;
    names = "the receiver";
  } else {
    return true;
  }
  if (newAddr === addr && newPort === port) return true;
  reach(`NAT: an address naming ${names} rewritten`);
  return manglePacket(
    context,
    message,
    matchoff,
    matchlen,
    sprintfAddrPort(context, newAddr, newPort),
  );
}

/** map_sip_addr: the first parsable header of the type through map_addr. */
function mapSipAddr(context: SipContext, message: Message, type: "from" | "to"): boolean {
  const found = parseHeaderUri(context, message, 0, message.length, type, null);
  if (found.ret <= 0) return true;
  return mapAddr(context, message, found.matchoff, found.matchlen, found.addr, found.port);
}

/** The top Via and its parameters, when it names this connection's sender (requests) or
 * receiver (responses). False = a rewrite failed. */
function mapTopVia(context: SipContext, message: Message, request: boolean): boolean {
  const own = tupleOf(context, "this");
  const other = tupleOf(context, "other");
  const type = context.connection.l4 === "tcp" ? "viaTcp" : "viaUdp";
  const via = parseHeaderUri(context, message, 0, message.length, type, null);
  if (via.ret <= 0) return true;
  const [addr, port] = request ? [own.src, own.sport] : [own.dst, own.dport];
  if (via.addr !== addr || via.port !== port) return true;

  const before = message.length;
  if (!mapAddr(context, message, via.matchoff, via.matchlen, via.addr, via.port)) return false;
  const matchend = via.matchoff + via.matchlen + message.length - before;

  // maddr= (where to send the reply) naming the sender as it is.
  const maddr = parseAddressParam(context, message, matchend, message.length, "maddr=", true);
  if (maddr !== null && maddr.addr === own.src && maddr.addr !== other.dst) {
    reach("NAT: Via maddr= rewritten");
    const text = sprintfAddr(context, other.dst, true);
    if (!manglePacket(context, message, maddr.matchoff, maddr.matchlen, text)) return false;
  }
  // received= (where the server got the request from) naming the receiver.
  const received = parseAddressParam(
    context,
    message,
    matchend,
    message.length,
    "received=",
    false,
  );
  if (received !== null && received.addr === own.dst && received.addr !== other.src) {
    reach("NAT: Via received= rewritten");
    const text = sprintfAddr(context, other.src, false);
    if (!manglePacket(context, message, received.matchoff, received.matchlen, text)) {
      return false;
    }
  }
  // rport= (the port the server got it from); htons() keeps the low 16 bits.
  const rport = parseNumericalParam(context, message, matchend, message.length, "rport=");
  const inRange = !context.config.base10Parameters || (rport.value >= 1024 && rport.value <= 65535);
  const port16 = rport.value & 0xffff;
  if (rport.ret > 0 && inRange && port16 === own.dport && port16 !== other.sport) {
    reach("NAT: Via rport= rewritten");
    const text = String(other.sport);
    if (!manglePacket(context, message, rport.matchoff, rport.matchlen, text)) return false;
  }
  return true;
}

/** nf_nat_sip: run after the conntrack half accepted a message on a NATed connection. */
export function natSipMessage(context: SipContext, message: Message): Verdict {
  // Requests (anything not starting "SIP/2.0", no space needed here): the Request-URI.
  const request = !startsWithIgnoringCase(message, 0, "SIP/2.0");
  if (request) {
    const uri = parseRequest(context, message, message.length);
    if (uri.ret > 0 && !mapAddr(context, message, uri.matchoff, uri.matchlen, uri.addr, uri.port)) {
      return "drop"; // "cannot mangle SIP message"
    }
  }
  if (!mapTopVia(context, message, request)) return "drop";

  // Every Contact. The walk goes on from where the address ended before the rewrite.
  const walk = { value: false };
  let coff = 0;
  for (;;) {
    const contact = parseHeaderUri(context, message, coff, message.length, "contact", walk);
    if (contact.ret <= 0) break;
    coff = contact.end;
    if (
      !mapAddr(context, message, contact.matchoff, contact.matchlen, contact.addr, contact.port)
    ) {
      return "drop"; // "cannot mangle contact"
    }
  }
  if (!mapSipAddr(context, message, "from") || !mapSipAddr(context, message, "to")) return "drop";

  // forced_dport on REPLY: the UDP destination port is rewritten (not modelled: a flow has
  // no per-packet ports); on anything but UDP the kernel drops.
  if (context.dir === "reply" && context.master.forcedDport !== 0) {
    if (context.connection.l4 !== "udp") {
      reach("NAT: reply on TCP with forced_dport set, dropped");
      return "drop";
    }
  }
  return "accept";
}

/** nf_nat_sip_expect: the REGISTER signalling expectation goes to the sender as the
 * registrar sees it, on the first free port from the Contact's (or the peer-side source
 * port when the Contact names the signalling port); the Contact is rewritten to match. */
export function natSipExpect(
  context: SipContext,
  message: Message,
  expectation: Expectation,
  matchoff: number,
  matchlen: number,
): Verdict {
  const own = tupleOf(context, "this");
  const other = tupleOf(context, "other");
  const newAddr = own.src === other.dst ? expectation.dst : other.dst;
  const sourcePort = context.master.forcedDport || own.sport;
  const wanted = expectation.dport === sourcePort ? other.dport : expectation.dport;
  const moved: Expectation = { ...expectation, dst: newAddr };
  const port = findExpectationPort(context.expectations, moved, SIP_EXPECT_SIGNALLING, wanted);
  if (port === 0) {
    reach("NAT: no port for the REGISTER expectation, dropped");
    return "drop"; // "all ports in use for SIP"
  }
  reach(
    port === wanted
      ? "NAT: REGISTER expectation on the wanted port"
      : "NAT: REGISTER expectation's port taken, another one found",
  );
  if (newAddr !== expectation.dst || port !== expectation.dport) {
    reach("NAT: REGISTER Contact rewritten to the expectation");
    const text = sprintfAddrPort(context, newAddr, port);
    if (!manglePacket(context, message, matchoff, matchlen, text)) {
      context.expectations.remove({ ...moved, dport: port });
      return "drop";
    }
  }
  return "accept";
}

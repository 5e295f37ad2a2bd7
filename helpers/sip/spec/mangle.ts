// nf_nat_sip's mangle_packet and the address texts it writes (kernel-helpers.md §1.4,
// §6.8): one region of the message is replaced, the packet grows or shrinks, and the
// message's length (datalen) follows.

import { addressBytes } from "../../core/address.ts";
import { reach } from "../../spec-core/behaviour.ts";
import { spliceText } from "../../spec-core/splice-text.ts";
import { kernelCompressedIPv6 } from "./address-text.ts";
import type { SipContext } from "./context.ts";
import type { Message } from "./message.ts";

/** §1.4 nf_nat_mangle_*_packet: the IP packet may not grow past 65535 bytes. The packet
 * is taken to carry a bare IP header (20 / 40 bytes) and a bare TCP (20) or UDP (8) one. */
const MAX_IP_PACKET = 65535;

function headerBytes(context: SipContext): number {
  const ip = context.connection.family === 4 ? 20 : 40;
  return ip + (context.connection.l4 === "tcp" ? 20 : 8);
}

/** mangle_packet: replaces [matchoff, matchoff + matchlen) of the message; false when the
 * packet would be too large (the caller then drops). */
export function manglePacket(
  context: SipContext,
  message: Message,
  matchoff: number,
  matchlen: number,
  text: string,
): boolean {
  const packet = message.packet;
  const grown = packet.data.length - matchlen + text.length;
  if (text.length > matchlen && headerBytes(context) + grown > MAX_IP_PACKET) {
    reach("NAT: rewrite would pass 65535 bytes, dropped");
    return false;
  }
  packet.data = spliceText(packet.data, message.start + matchoff, matchlen, text);
  message.length += text.length - matchlen;
  return true;
}

/** sip_sprintf_addr: %pI4, or %pI6c with brackets when `delim`. */
export function sprintfAddr(context: SipContext, addr: string, delim: boolean): string {
  if (context.connection.family === 4) return addr;
  const text = kernelCompressedIPv6(addressBytes(addr));
  return delim ? `[${text}]` : text;
}

/** sip_sprintf_addr_port: "a.b.c.d:port" or "[v6]:port". */
export function sprintfAddrPort(context: SipContext, addr: string, port: number): string {
  return `${sprintfAddr(context, addr, true)}:${port}`;
}

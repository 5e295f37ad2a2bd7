// ip_nat_talk's mangle_packet(): the datagram keeps its size ("Fortunately talk sends a
// structure with the address and port in it. The size of the packet won't change."); only
// ta_addr/ta_port words are overwritten. Checksums are the stack's business here (our
// datagrams are payloads).

import { ADDR_IP, ADDR_PORT, isAnyAddress } from "./layout.ts";

function writeAddr(out: Uint8Array, addrAt: number, ip: Uint8Array): void {
  out.set(ip, addrAt + ADDR_IP);
}

function writePort(out: Uint8Array, addrAt: number, port: number): void {
  out[addrAt + ADDR_PORT] = port >> 8;
  out[addrAt + ADDR_PORT + 1] = port & 0xff;
}

/** A request (addresses as their 4 network-order bytes): `if (addr->ta_addr != INADDR_ANY) addr->ta_addr = ct->tuplehash[
 * IP_CT_DIR_REPLY].tuple.dst.ip;` (its port kept), then always `ctl_addr->ta_addr = newip;
 * ctl_addr->ta_port = port;` with newip:port = tuplehash[REPLY].dst (talk_help_msg). */
export function rewriteMessage(
  data: Uint8Array,
  addrAt: number,
  ctlAddrAt: number,
  seenClient: Uint8Array,
  seenClientPort: number,
): Uint8Array {
  const out = data.slice();
  const ip = seenClient;
  if (!isAnyAddress(data, addrAt)) writeAddr(out, addrAt, ip);
  writeAddr(out, ctlAddrAt, ip);
  writePort(out, ctlAddrAt, seenClientPort);
  return out;
}

/** An answer: `if (addr->ta_addr == INADDR_ANY) return 1;` else `addr->ta_addr = newip;
 * addr->ta_port = port;`. Returns the input itself when nothing changes. */
export function rewriteResponse(
  data: Uint8Array,
  addrAt: number,
  newIp: Uint8Array,
  port: number,
): Uint8Array {
  if (isAnyAddress(data, addrAt)) return data;
  const out = data.slice();
  writeAddr(out, addrAt, newIp);
  writePort(out, addrAt, port);
  return out;
}

// Builds the frames of a capture: Ethernet II around IPv4 or IPv6 around TCP or UDP, with
// every length and checksum filled in, so that Wireshark and a real stack accept them.

import { FlowError } from "../../helpers/core/model.ts";
import { internetChecksum, transportChecksum } from "./checksum.ts";

export const IPPROTO_TCP = 6;
export const IPPROTO_UDP = 17;
export const ETHERTYPE_IPV4 = 0x0800;
export const ETHERTYPE_IPV6 = 0x86dd;

export const TCP_FIN = 0x01;
export const TCP_SYN = 0x02;
export const TCP_PSH = 0x08;
export const TCP_ACK = 0x10;

const TCP_HEADER_LENGTH = 20;
const UDP_HEADER_LENGTH = 8;
const IPV4_HEADER_LENGTH = 20;
const IPV6_HEADER_LENGTH = 40;
const ETHERNET_HEADER_LENGTH = 14;
const DEFAULT_TTL = 64;
const IPV4_DONT_FRAGMENT = 0x4000;

export interface TcpFields {
  sport: number;
  dport: number;
  seq: number;
  ack: number;
  flags: number;
  window: number;
}

/** A TCP header (no options) and payload, checksummed for the given addresses. */
export function buildTcpSegment(
  src: Uint8Array,
  dst: Uint8Array,
  fields: TcpFields,
  payload: Uint8Array,
): Uint8Array {
  const segment = new Uint8Array(TCP_HEADER_LENGTH + payload.length);
  const view = new DataView(segment.buffer);
  view.setUint16(0, fields.sport);
  view.setUint16(2, fields.dport);
  view.setUint32(4, fields.seq >>> 0);
  view.setUint32(8, fields.ack >>> 0);
  view.setUint8(12, (TCP_HEADER_LENGTH / 4) << 4);
  view.setUint8(13, fields.flags);
  view.setUint16(14, fields.window);
  segment.set(payload, TCP_HEADER_LENGTH);
  view.setUint16(16, transportChecksum(src, dst, IPPROTO_TCP, segment));
  return segment;
}

/** A UDP header and payload, checksummed (IPv6 requires the checksum; IPv4 gets one too). */
export function buildUdpDatagram(
  src: Uint8Array,
  dst: Uint8Array,
  sport: number,
  dport: number,
  payload: Uint8Array,
): Uint8Array {
  const length = UDP_HEADER_LENGTH + payload.length;
  if (length > 0xffff)
    throw new FlowError(`UDP payload of ${payload.length} bytes does not fit a datagram`);
  const datagram = new Uint8Array(length);
  const view = new DataView(datagram.buffer);
  view.setUint16(0, sport);
  view.setUint16(2, dport);
  view.setUint16(4, length);
  datagram.set(payload, UDP_HEADER_LENGTH);
  view.setUint16(6, transportChecksum(src, dst, IPPROTO_UDP, datagram));
  return datagram;
}

/** An IPv4 or IPv6 packet (by the address length) carrying one transport segment. */
export function buildIpPacket(
  src: Uint8Array,
  dst: Uint8Array,
  protocol: number,
  transport: Uint8Array,
  identification: number,
): Uint8Array {
  return src.length === 4
    ? buildIPv4Packet(src, dst, protocol, transport, identification)
    : buildIPv6Packet(src, dst, protocol, transport);
}

function buildIPv4Packet(
  src: Uint8Array,
  dst: Uint8Array,
  protocol: number,
  transport: Uint8Array,
  identification: number,
): Uint8Array {
  const total = IPV4_HEADER_LENGTH + transport.length;
  if (total > 0xffff)
    throw new FlowError(`a ${transport.length}-byte segment does not fit an IPv4 packet`);
  const packet = new Uint8Array(total);
  const view = new DataView(packet.buffer);
  view.setUint8(0, 0x40 | (IPV4_HEADER_LENGTH / 4));
  view.setUint16(2, total);
  view.setUint16(4, identification & 0xffff);
  view.setUint16(6, IPV4_DONT_FRAGMENT);
  view.setUint8(8, DEFAULT_TTL);
  view.setUint8(9, protocol);
  packet.set(src, 12);
  packet.set(dst, 16);
  view.setUint16(10, internetChecksum(packet.subarray(0, IPV4_HEADER_LENGTH)));
  packet.set(transport, IPV4_HEADER_LENGTH);
  return packet;
}

function buildIPv6Packet(
  src: Uint8Array,
  dst: Uint8Array,
  protocol: number,
  transport: Uint8Array,
): Uint8Array {
  if (transport.length > 0xffff) {
    throw new FlowError(`a ${transport.length}-byte segment needs an IPv6 jumbogram`);
  }
  const packet = new Uint8Array(IPV6_HEADER_LENGTH + transport.length);
  const view = new DataView(packet.buffer);
  view.setUint32(0, 0x60000000);
  view.setUint16(4, transport.length);
  view.setUint8(6, protocol);
  view.setUint8(7, DEFAULT_TTL);
  packet.set(src, 8);
  packet.set(dst, 24);
  packet.set(transport, IPV6_HEADER_LENGTH);
  return packet;
}

export function buildEthernetFrame(
  dstMac: Uint8Array,
  srcMac: Uint8Array,
  etherType: number,
  payload: Uint8Array,
): Uint8Array {
  const frame = new Uint8Array(ETHERNET_HEADER_LENGTH + payload.length);
  frame.set(dstMac, 0);
  frame.set(srcMac, 6);
  frame[12] = etherType >> 8;
  frame[13] = etherType & 0xff;
  frame.set(payload, ETHERNET_HEADER_LENGTH);
  return frame;
}

export function etherTypeOf(address: Uint8Array): number {
  return address.length === 4 ? ETHERTYPE_IPV4 : ETHERTYPE_IPV6;
}

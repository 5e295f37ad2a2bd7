// Decodes an IPv4 or IPv6 packet down to its TCP or UDP header and payload. Lengths are
// checked against what was captured; a header that contradicts itself is a PcapError.
// Checksums are not verified: captures taken on a sending host carry offloaded, unfilled
// checksums, and the payload is still what was sent.

import { formatIPv4, formatIPv6 } from "../../helpers/core/address.ts";
import type { L4 } from "../../helpers/core/model.ts";
import type { IpPayload } from "./link-layer.ts";
import { PcapError } from "./pcap-error.ts";

export interface TransportPacket {
  family: 4 | 6;
  src: string;
  dst: string;
  l4: L4;
  sport: number;
  dport: number;
  /** TCP only (0 for UDP). */
  seq: number;
  /** TCP only (0 for UDP); meaningful when the ACK flag is set. */
  ack: number;
  flags: number;
  payload: Uint8Array;
  /** The capture cut the packet short: the payload is incomplete. */
  truncated: boolean;
  /** A first fragment: the payload continues in fragments this reader does not join. */
  fragmented: boolean;
  /** Byte offset of the IP header in the file. */
  offset: number;
  /** The frame's number in the capture (1 = first, as Wireshark counts), when known. */
  frame?: number;
}

const IPPROTO_HOPOPTS = 0;
const IPPROTO_TCP = 6;
const IPPROTO_UDP = 17;
const IPPROTO_ROUTING = 43;
const IPPROTO_FRAGMENT = 44;
const IPPROTO_AH = 51;
const IPPROTO_DSTOPTS = 60;

interface Network {
  family: 4 | 6;
  src: string;
  dst: string;
  protocol: number;
  /** The transport header and payload, as far as captured. */
  body: Uint8Array;
  bodyOffset: number;
  truncated: boolean;
  fragmented: boolean;
}

/** The TCP or UDP packet inside, or null for other protocols and non-first fragments.
 * frameTruncated: the capture holds less than the wire carried (snaplen). */
export function decodeIpPacket(ip: IpPayload, frameTruncated: boolean): TransportPacket | null {
  if (ip.bytes.length < 1) throw new PcapError(ip.offset, "empty IP packet");
  const version = ip.bytes[0] >> 4;
  if (ip.announced !== null && version !== ip.announced) {
    throw new PcapError(
      ip.offset,
      `IP version ${version} in a frame announced as IPv${ip.announced}`,
    );
  }
  let network: Network | null;
  if (version === 4) network = decodeIPv4(ip, frameTruncated);
  else if (version === 6) network = decodeIPv6(ip, frameTruncated);
  else throw new PcapError(ip.offset, `bad IP version ${version}`);
  if (network === null) return null;
  if (network.protocol === IPPROTO_TCP) return decodeTcp(network, ip.offset);
  if (network.protocol === IPPROTO_UDP) return decodeUdp(network, ip.offset);
  return null;
}

/** The packet's bytes as its length field says, or as captured when the capture cut it. */
function bodyWithin(
  ip: IpPayload,
  headerLength: number,
  totalLength: number,
  frameTruncated: boolean,
  lengthName: string,
): { body: Uint8Array; truncated: boolean } {
  if (totalLength > ip.bytes.length) {
    if (!frameTruncated) {
      throw new PcapError(
        ip.offset,
        `${lengthName} says ${totalLength} bytes but the frame holds ${ip.bytes.length}`,
      );
    }
    return { body: ip.bytes.subarray(headerLength), truncated: true };
  }
  // Shorter than the frame: Ethernet padding follows.
  return { body: ip.bytes.subarray(headerLength, totalLength), truncated: false };
}

function decodeIPv4(ip: IpPayload, frameTruncated: boolean): Network | null {
  const bytes = ip.bytes;
  if (bytes.length < 20)
    throw new PcapError(ip.offset, `truncated IPv4 header: ${bytes.length} of 20 bytes`);
  const headerLength = (bytes[0] & 0x0f) * 4;
  if (headerLength < 20) throw new PcapError(ip.offset, `bad IPv4 header length ${headerLength}`);
  if (headerLength > bytes.length) {
    throw new PcapError(
      ip.offset,
      `IPv4 header length ${headerLength} beyond the ${bytes.length} bytes captured`,
    );
  }
  const totalLength = (bytes[2] << 8) | bytes[3];
  if (totalLength < headerLength) {
    throw new PcapError(ip.offset + 2, `IPv4 total length ${totalLength} shorter than its header`);
  }
  const fragmentField = (bytes[6] << 8) | bytes[7];
  if ((fragmentField & 0x1fff) !== 0) return null;
  const { body, truncated } = bodyWithin(
    ip,
    headerLength,
    totalLength,
    frameTruncated,
    "IPv4 total length",
  );
  return {
    family: 4,
    src: formatIPv4(bytes, 12),
    dst: formatIPv4(bytes, 16),
    protocol: bytes[9],
    body,
    bodyOffset: ip.offset + headerLength,
    truncated,
    fragmented: (fragmentField & 0x2000) !== 0,
  };
}

function decodeIPv6(ip: IpPayload, frameTruncated: boolean): Network | null {
  const bytes = ip.bytes;
  if (bytes.length < 40)
    throw new PcapError(ip.offset, `truncated IPv6 header: ${bytes.length} of 40 bytes`);
  const payloadLength = (bytes[4] << 8) | bytes[5];
  if (payloadLength === 0) {
    throw new PcapError(ip.offset + 4, "IPv6 payload length 0 (jumbograms are not supported)");
  }
  const { body, truncated } = bodyWithin(
    ip,
    40,
    40 + payloadLength,
    frameTruncated,
    "IPv6 payload length",
  );
  let protocol = bytes[6];
  let at = 0;
  let fragmented = false;
  for (;;) {
    if (
      protocol === IPPROTO_HOPOPTS ||
      protocol === IPPROTO_ROUTING ||
      protocol === IPPROTO_DSTOPTS ||
      protocol === IPPROTO_AH
    ) {
      if (body.length < at + 2)
        throw new PcapError(ip.offset + 40 + at, "truncated IPv6 extension header");
      const length = protocol === IPPROTO_AH ? (body[at + 1] + 2) * 4 : (body[at + 1] + 1) * 8;
      if (body.length < at + length) {
        throw new PcapError(
          ip.offset + 40 + at,
          `IPv6 extension header of ${length} bytes beyond the packet`,
        );
      }
      protocol = body[at];
      at += length;
    } else if (protocol === IPPROTO_FRAGMENT) {
      if (body.length < at + 8)
        throw new PcapError(ip.offset + 40 + at, "truncated IPv6 fragment header");
      const field = (body[at + 2] << 8) | body[at + 3];
      if ((field & 0xfff8) !== 0) return null;
      fragmented = (field & 1) !== 0;
      protocol = body[at];
      at += 8;
    } else {
      break;
    }
  }
  return {
    family: 6,
    src: formatIPv6(bytes, 8),
    dst: formatIPv6(bytes, 24),
    protocol,
    body: body.subarray(at),
    bodyOffset: ip.offset + 40 + at,
    truncated,
    fragmented,
  };
}

function decodeTcp(network: Network, ipOffset: number): TransportPacket {
  const body = network.body;
  if (body.length < 20) {
    throw new PcapError(network.bodyOffset, `truncated TCP header: ${body.length} of 20 bytes`);
  }
  const dataOffset = (body[12] >> 4) * 4;
  if (dataOffset < 20)
    throw new PcapError(network.bodyOffset + 12, `bad TCP data offset ${dataOffset}`);
  if (dataOffset > body.length) {
    throw new PcapError(
      network.bodyOffset + 12,
      `TCP data offset ${dataOffset} beyond the ${body.length}-byte segment`,
    );
  }
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  return {
    ...addressing(network, view),
    l4: "tcp",
    seq: view.getUint32(4),
    ack: view.getUint32(8),
    flags: body[13],
    payload: body.subarray(dataOffset),
    offset: ipOffset,
  };
}

function decodeUdp(network: Network, ipOffset: number): TransportPacket {
  const body = network.body;
  if (body.length < 8)
    throw new PcapError(network.bodyOffset, `truncated UDP header: ${body.length} of 8 bytes`);
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const length = view.getUint16(4);
  if (length < 8) throw new PcapError(network.bodyOffset + 4, `bad UDP length ${length}`);
  if (length > body.length && !network.truncated) {
    throw new PcapError(
      network.bodyOffset + 4,
      `UDP length ${length} beyond the ${body.length}-byte IP payload`,
    );
  }
  return {
    ...addressing(network, view),
    l4: "udp",
    seq: 0,
    ack: 0,
    flags: 0,
    payload: body.subarray(8, Math.min(length, body.length)),
    truncated: network.truncated || length > body.length,
    offset: ipOffset,
  };
}

function addressing(network: Network, view: DataView) {
  return {
    family: network.family,
    src: network.src,
    dst: network.dst,
    sport: view.getUint16(0),
    dport: view.getUint16(2),
    truncated: network.truncated,
    fragmented: network.fragmented,
  };
}

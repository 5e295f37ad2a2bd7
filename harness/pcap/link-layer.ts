// Finds the IP packet inside a captured frame, for the link types captures of helper
// traffic come in: Ethernet (with 802.1Q / 802.1ad tags), raw IP, Linux cooked v1 and v2.

import type { CapturedFrame } from "./capture-file.ts";
import { PcapError } from "./pcap-error.ts";

export const LINKTYPE_ETHERNET = 1;
export const LINKTYPE_RAW = 101;
/** DLT_RAW as some old writers put it in the file instead of LINKTYPE_RAW. */
export const LINKTYPE_RAW_LEGACY = 12;
export const LINKTYPE_LINUX_SLL = 113;
export const LINKTYPE_IPV4 = 228;
export const LINKTYPE_IPV6 = 229;
export const LINKTYPE_LINUX_SLL2 = 276;

const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_IPV6 = 0x86dd;
const VLAN_TAG_TYPES = new Set([0x8100, 0x88a8, 0x9100]);

export interface IpPayload {
  /** The IP packet (4 or 6 by its first nibble). */
  bytes: Uint8Array;
  /** Byte offset of bytes[0] in the file. */
  offset: number;
  /** The family the link layer announced, when it announces one. */
  announced: 4 | 6 | null;
}

/** The IP packet in the frame, or null for a frame that carries something else (ARP, ...). */
export function ipPayloadOfFrame(frame: CapturedFrame): IpPayload | null {
  switch (frame.linkType) {
    case LINKTYPE_ETHERNET:
      return ethernetPayload(frame);
    case LINKTYPE_RAW:
    case LINKTYPE_RAW_LEGACY:
      return { bytes: frame.data, offset: frame.offset, announced: null };
    case LINKTYPE_IPV4:
      return { bytes: frame.data, offset: frame.offset, announced: 4 };
    case LINKTYPE_IPV6:
      return { bytes: frame.data, offset: frame.offset, announced: 6 };
    case LINKTYPE_LINUX_SLL:
      return cookedPayload(frame, 16, 14, "Linux cooked (SLL)");
    case LINKTYPE_LINUX_SLL2:
      return cookedPayload(frame, 20, 0, "Linux cooked (SLL2)");
    default:
      throw new PcapError(frame.offset, `unsupported link type ${frame.linkType}`);
  }
}

function readUint16(data: Uint8Array, at: number): number {
  return (data[at] << 8) | data[at + 1];
}

function byEtherType(frame: CapturedFrame, etherType: number, at: number): IpPayload | null {
  const announced = etherType === ETHERTYPE_IPV4 ? 4 : etherType === ETHERTYPE_IPV6 ? 6 : null;
  if (announced === null) return null;
  return { bytes: frame.data.subarray(at), offset: frame.offset + at, announced };
}

function ethernetPayload(frame: CapturedFrame): IpPayload | null {
  let at = 12;
  if (frame.data.length < at + 2) {
    throw new PcapError(
      frame.offset,
      `truncated Ethernet header: ${frame.data.length} of 14 bytes`,
    );
  }
  let etherType = readUint16(frame.data, at);
  while (VLAN_TAG_TYPES.has(etherType)) {
    at += 4;
    if (frame.data.length < at + 2)
      throw new PcapError(frame.offset + at - 4, "truncated VLAN tag");
    etherType = readUint16(frame.data, at);
  }
  return byEtherType(frame, etherType, at + 2);
}

function cookedPayload(
  frame: CapturedFrame,
  headerLength: number,
  protocolAt: number,
  name: string,
): IpPayload | null {
  if (frame.data.length < headerLength) {
    throw new PcapError(
      frame.offset,
      `truncated ${name} header: ${frame.data.length} of ${headerLength} bytes`,
    );
  }
  return byEtherType(frame, readUint16(frame.data, protocolAt), headerLength);
}

// The talk datagrams as whole structures, field by field, from ip_conntrack_talk.h
// ("talk structures and constants from <protocols/talkd.h>"). Each layout is a list of
// named fields in wire order; a datagram is read into a record of all of them, and a
// record is written back into a copy of the datagram. Written for obviousness: every
// field is named even where the helper never reads it.

import { formatIPv4, parseIPv4 } from "../../core/address.ts";

/** struct talk_addr, the 4.3BSD sockaddr: 16 bytes, network order. */
export interface OSockAddr {
  family: number;
  port: number;
  /** ta_addr as a dotted quad. */
  ip: string;
  junk: Uint8Array;
}

type FieldKind = "u8" | "u32" | "bytes" | "sockaddr";
type Field = readonly [name: string, kind: FieldKind, size: number];

const u8 = (name: string): Field => [name, "u8", 1];
const u32 = (name: string): Field => [name, "u32", 4];
const chars = (name: string, size: number): Field => [name, "bytes", size];
const sockaddr = (name: string): Field => [name, "sockaddr", 16];

/** `#define TALK_OLD_NSIZE 9`, `TALK_NSIZE 12`, `TALK_TTY_NSIZE 16` */
const OLD_NAME = 9;
const NAME = 12;
const TTY = 16;

/** struct talk_msg */
export const TALK_MSG: readonly Field[] = [
  u8("type"),
  chars("l_name", OLD_NAME),
  chars("r_name", OLD_NAME),
  u8("pad"),
  u32("id_num"),
  u32("pid"),
  chars("r_tty", TTY),
  sockaddr("addr"),
  sockaddr("ctl_addr"),
];

/** struct ntalk_msg (ntalk2_msg: `pad` is `extended`, the count of bytes after it). */
export const NTALK_MSG: readonly Field[] = [
  u8("vers"),
  u8("type"),
  u8("answer"),
  u8("extended"),
  u32("id_num"),
  sockaddr("addr"),
  sockaddr("ctl_addr"),
  u32("pid"),
  chars("l_name", NAME),
  chars("r_name", NAME),
  chars("r_tty", TTY),
];

/** struct talk_response */
export const TALK_RESPONSE: readonly Field[] = [
  u8("type"),
  u8("answer"),
  chars("pad", 2),
  u32("id_num"),
  sockaddr("addr"),
];

/** struct ntalk_response */
export const NTALK_RESPONSE: readonly Field[] = [
  u8("vers"),
  u8("type"),
  u8("answer"),
  u8("pad"),
  u32("id_num"),
  sockaddr("addr"),
];

/** struct ntalk2_response: ntalk_response with rvers for pad, then r_name[12]. */
export const NTALK2_RESPONSE: readonly Field[] = [
  u8("vers"),
  u8("type"),
  u8("answer"),
  u8("rvers"),
  u32("id_num"),
  sockaddr("addr"),
  chars("r_name", NAME),
];

export function sizeOf(layout: readonly Field[]): number {
  return layout.reduce((total, [, , size]) => total + size, 0);
}

export type FieldValue = number | Uint8Array | OSockAddr;
export type Structure = Record<string, FieldValue>;

function readU32(bytes: Uint8Array, at: number): number {
  return ((bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3]) >>> 0;
}

function readSockAddr(bytes: Uint8Array, at: number): OSockAddr {
  return {
    family: (bytes[at] << 8) | bytes[at + 1],
    port: (bytes[at + 2] << 8) | bytes[at + 3],
    ip: formatIPv4(bytes, at + 4),
    junk: bytes.slice(at + 8, at + 16),
  };
}

/** Reads the layout from the datagram's start; null when the datagram is shorter. Bytes
 * after the structure are not part of it. */
export function readStructure(bytes: Uint8Array, layout: readonly Field[]): Structure | null {
  if (bytes.length < sizeOf(layout)) return null;
  const structure: Structure = {};
  let at = 0;
  for (const [name, kind, size] of layout) {
    if (kind === "u8") structure[name] = bytes[at];
    else if (kind === "u32") structure[name] = readU32(bytes, at);
    else if (kind === "bytes") structure[name] = bytes.slice(at, at + size);
    else structure[name] = readSockAddr(bytes, at);
    at += size;
  }
  return structure;
}

/** The datagram with the structure's fields written over its start. */
export function writeStructure(
  bytes: Uint8Array,
  layout: readonly Field[],
  structure: Structure,
): Uint8Array {
  const out = Uint8Array.from(bytes);
  let at = 0;
  for (const [name, kind, size] of layout) {
    const value = structure[name];
    if (kind === "u8") out[at] = value as number;
    else if (kind === "u32") {
      const n = value as number;
      out.set([n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff], at);
    } else if (kind === "bytes") out.set(value as Uint8Array, at);
    else {
      const s = value as OSockAddr;
      out.set([s.family >> 8, s.family & 0xff, s.port >> 8, s.port & 0xff], at);
      out.set(parseIPv4(s.ip) ?? [0, 0, 0, 0], at + 4);
      out.set(s.junk, at + 8);
    }
    at += size;
  }
  return out;
}

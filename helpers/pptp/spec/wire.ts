// What nf_conntrack_pptp.c's conntrack_pptp_help reads of a segment (Linux 6.18,
// include/linux/netfilter/nf_conntrack_pptp.h): struct pptp_pkt_hdr (packetLength,
// packetType, magicCookie), struct PptpControlHeader (messageType, reserved), then the
// union pptp_ctrl_union member of that type. Big-endian (ntohs/ntohl).

/** PPTP_PACKET_CONTROL and PPTP_MAGIC_COOKIE */
const PACKET_CONTROL = 1;
const MAGIC_COOKIE = 0x1a2b3c4d;
const PKT_HDR_SIZE = 8;
const CTRL_HDR_SIZE = 4;
export const BODY_START = PKT_HDR_SIZE + CTRL_HDR_SIZE;

export type MessageName =
  | "SCCRQ"
  | "SCCRP"
  | "StopCCRQ"
  | "StopCCRP"
  | "EchoRQ"
  | "EchoRP"
  | "OCRQ"
  | "OCRP"
  | "ICRQ"
  | "ICRP"
  | "ICCN"
  | "CCRQ"
  | "CDN"
  | "WEN"
  | "SLI";

/** PptpControlMessageType 1..15 (PPTP_MSG_MAX = 15), in order. */
const NAMES: readonly MessageName[] = [
  "SCCRQ",
  "SCCRP",
  "StopCCRQ",
  "StopCCRP",
  "EchoRQ",
  "EchoRP",
  "OCRQ",
  "OCRP",
  "ICRQ",
  "ICRP",
  "ICCN",
  "CCRQ",
  "CDN",
  "WEN",
  "SLI",
];

/** pptp_msg_size[]: sizeof the struct of each type; the Echo entries are absent (0). */
const STRUCT_SIZE: Record<MessageName, number> = {
  SCCRQ: 2 + 2 + 4 + 4 + 2 + 2 + 64 + 64,
  SCCRP: 2 + 1 + 1 + 4 + 4 + 2 + 2 + 64 + 64,
  StopCCRQ: 1 + 1 + 2,
  StopCCRP: 1 + 1 + 2,
  EchoRQ: 0,
  EchoRP: 0,
  OCRQ: 2 + 2 + 4 + 4 + 4 + 4 + 2 + 2 + 2 + 2 + 64 + 64,
  OCRP: 2 + 2 + 1 + 1 + 2 + 4 + 2 + 2 + 4,
  ICRQ: 2 + 2 + 4 + 4 + 2 + 2 + 64 + 64 + 64,
  ICRP: 2 + 2 + 1 + 1 + 2 + 2 + 2,
  ICCN: 2 + 2 + 4 + 2 + 2 + 4,
  CCRQ: 2 + 2,
  CDN: 2 + 1 + 1 + 2 + 2 + 128,
  WEN: 2 + 2 + 4 * 6,
  SLI: 2 + 2 + 4 + 4,
};

/** Where each field the helpers read sits in its struct (offsetof). */
export const FIELD = {
  "SCCRP.resultCode": 2,
  "StopCCRP.resultCode": 0,
  "OCRQ.callID": 0,
  "OCRP.callID": 0,
  "OCRP.peersCallID": 2,
  "OCRP.resultCode": 4,
  "ICRQ.callID": 0,
  "ICRP.callID": 0,
  "ICRP.peersCallID": 2,
  "ICRP.resultCode": 4,
  "ICCN.peersCallID": 0,
  "CCRQ.callID": 0,
  "CDN.callID": 0,
  "WEN.peersCallID": 0,
  "SLI.peersCallID": 0,
} as const;
export type FieldName = keyof typeof FIELD;

export type Reading =
  | { kind: "no full header" }
  | { kind: "not control" }
  | { kind: "body too short"; name: MessageName }
  | { kind: "unknown type"; type: number }
  | { kind: "message"; name: MessageName };

export function read(payload: Uint8Array): Reading {
  if (payload.length < BODY_START) return { kind: "no full header" };
  const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  if (view.getUint16(2) !== PACKET_CONTROL || view.getUint32(4) !== MAGIC_COOKIE) {
    return { kind: "not control" };
  }
  const type = view.getUint16(8);
  const name = type >= 1 && type <= NAMES.length ? NAMES[type - 1] : undefined;
  if (name === undefined) return { kind: "unknown type", type };
  if (payload.length - BODY_START < STRUCT_SIZE[name]) return { kind: "body too short", name };
  return { kind: "message", name };
}

function fieldAt(field: FieldName): number {
  return BODY_START + FIELD[field];
}

export function u16(payload: Uint8Array, field: FieldName): number {
  const at = fieldAt(field);
  return payload[at] * 256 + payload[at + 1];
}

export function u8(payload: Uint8Array, field: FieldName): number {
  return payload[fieldAt(field)];
}

/** nf_nat_mangle_tcp_packet of one __be16 field: same length, a new copy. */
export function withU16(payload: Uint8Array, field: FieldName, value: number): Uint8Array {
  const out = new Uint8Array(payload);
  const at = fieldAt(field);
  out[at] = Math.floor(value / 256) % 256;
  out[at + 1] = value % 256;
  return out;
}

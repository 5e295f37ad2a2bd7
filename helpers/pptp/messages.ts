// The PPTP control messages as nf_conntrack_pptp (Linux 6.18) reads them: only the first
// message of a segment, at payload offset 0. The 8-byte pptp_pkt_hdr (length, never
// checked; packet type, must be 1 = control; magic cookie 0x1A2B3C4D), the 4-byte
// PptpControlHeader (message type, reserved), then the message body. A body shorter than
// its type's struct is not looked at; Echo Request/Reply (no entry in pptp_msg_size) and
// unknown types (0, 16 and up) have no minimum. Every field is big-endian.

export const PPTP_PORT = 1723;
export const MAGIC_COOKIE = 0x1a2b3c4d;
export const PACKET_CONTROL = 1;
/** sizeof(struct pptp_pkt_hdr) + sizeof(struct PptpControlHeader) */
export const HEADER_LENGTH = 12;

export const MSG = {
  START_SESSION_REQUEST: 1,
  START_SESSION_REPLY: 2,
  STOP_SESSION_REQUEST: 3,
  STOP_SESSION_REPLY: 4,
  ECHO_REQUEST: 5,
  ECHO_REPLY: 6,
  OUT_CALL_REQUEST: 7,
  OUT_CALL_REPLY: 8,
  IN_CALL_REQUEST: 9,
  IN_CALL_REPLY: 10,
  IN_CALL_CONNECT: 11,
  CALL_CLEAR_REQUEST: 12,
  CALL_DISCONNECT_NOTIFY: 13,
  WAN_ERROR_NOTIFY: 14,
  SET_LINK_INFO: 15,
} as const;

/** pptp_msg_size[]: the body length each message type needs (0 = no minimum). */
const BODY_SIZE: readonly number[] = [
  0, // 0: unknown
  144, // PptpStartSessionRequest
  144, // PptpStartSessionReply
  4, // PptpStopSessionRequest
  4, // PptpStopSessionReply
  0, // Echo Request: not in the table
  0, // Echo Reply: not in the table
  156, // PptpOutCallRequest
  20, // PptpOutCallReply
  208, // PptpInCallRequest
  12, // PptpInCallReply
  16, // PptpInCallConnected
  4, // PptpClearCallRequest
  136, // PptpCallDisconnectNotify
  28, // PptpWanErrorNotify
  12, // PptpSetLinkInfo
];

export function bodySize(type: number): number {
  return BODY_SIZE[type] ?? 0;
}

/** The first control message of a segment: its type and where its body starts (always
 * HEADER_LENGTH). null when the kernel leaves the segment alone. */
export function controlMessageType(data: Uint8Array): number | null {
  if (data.length < HEADER_LENGTH) return null;
  if (be16(data, 2) !== PACKET_CONTROL) return null;
  if (be16(data, 4) * 0x10000 + be16(data, 6) !== MAGIC_COOKIE) return null;
  const type = be16(data, 8);
  if (data.length - HEADER_LENGTH < bodySize(type)) return null;
  return type;
}

export function be16(data: Uint8Array, offset: number): number {
  return (data[offset] << 8) | data[offset + 1];
}

/** A body field: `offset` counts from the body's start. */
export function bodyU16(data: Uint8Array, offset: number): number {
  return be16(data, HEADER_LENGTH + offset);
}

export function bodyU8(data: Uint8Array, offset: number): number {
  return data[HEADER_LENGTH + offset];
}

/** A copy of data with the body's be16 at `offset` set to value (nf_nat_mangle_tcp_packet
 * of 2 bytes by 2: the length never changes). */
export function withBodyU16(data: Uint8Array, offset: number, value: number): Uint8Array {
  const out = Uint8Array.from(data);
  out[HEADER_LENGTH + offset] = (value >> 8) & 0xff;
  out[HEADER_LENGTH + offset + 1] = value & 0xff;
  return out;
}

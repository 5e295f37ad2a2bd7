// PPTP control messages (RFC 2637 §2) as the properties build and read them, written here
// from the RFC and kernel-helpers.md §10, not imported from the helper or the spec model:
// the 8-byte header (length, message type 1 = control, magic cookie 0x1A2B3C4D), the
// 4-byte control header (control message type, reserved), then the message's fields.
// Every field is big-endian. Offsets below count from the end of the 12-byte headers.

export const MAGIC_COOKIE = 0x1a2b3c4d;
export const CONTROL = 1;
export const HEADERS = 12;

export const TYPE = {
  SCCRQ: 1,
  SCCRP: 2,
  StopCCRQ: 3,
  StopCCRP: 4,
  EchoRQ: 5,
  EchoRP: 6,
  OCRQ: 7,
  OCRP: 8,
  ICRQ: 9,
  ICRP: 10,
  ICCN: 11,
  CCRQ: 12,
  CDN: 13,
  WEN: 14,
  SLI: 15,
} as const;
export type MessageName = keyof typeof TYPE;
export const MESSAGE_NAMES = Object.keys(TYPE) as MessageName[];

/** The field lengths of each message (RFC 2637), which the kernel's structs follow; the
 * kernel needs at least this many bytes after the headers, except for Echo. */
export const BODY_LENGTH: Record<MessageName, number> = {
  SCCRQ: 144,
  SCCRP: 144,
  StopCCRQ: 4,
  StopCCRP: 4,
  EchoRQ: 4,
  EchoRP: 8,
  OCRQ: 156,
  OCRP: 20,
  ICRQ: 208,
  ICRP: 12,
  ICCN: 16,
  CCRQ: 4,
  CDN: 136,
  WEN: 28,
  SLI: 12,
};

/** Where the fields the properties look at sit (from the end of the headers). */
export const AT = {
  callId: { OCRQ: 0, OCRP: 0, ICRQ: 0, ICRP: 0, CCRQ: 0, CDN: 0 },
  peerCallId: { OCRP: 2, ICRP: 2, ICCN: 0, WEN: 0, SLI: 0 },
  result: { SCCRP: 2, StopCCRP: 0, EchoRP: 4, OCRP: 4, ICRP: 4, CDN: 2 },
} as const;

/** Who sends each message: PNS = the client (orig), PAC = the server (reply); both = either. */
export const SENDER: Record<MessageName, "PNS" | "PAC" | "both"> = {
  SCCRQ: "both",
  SCCRP: "both",
  StopCCRQ: "both",
  StopCCRP: "both",
  EchoRQ: "both",
  EchoRP: "both",
  OCRQ: "PNS",
  OCRP: "PAC",
  ICRQ: "PAC",
  ICRP: "PNS",
  ICCN: "PAC",
  CCRQ: "PNS",
  CDN: "PAC",
  WEN: "PAC",
  SLI: "both",
};

export interface MessageFields {
  callId?: number;
  peerCallId?: number;
  result?: number;
}

function put16(out: Uint8Array, at: number, value: number): void {
  out[at] = (value >> 8) & 0xff;
  out[at + 1] = value & 0xff;
}

function put32(out: Uint8Array, at: number, value: number): void {
  put16(out, at, Math.floor(value / 0x10000) & 0xffff);
  put16(out, at + 2, value & 0xffff);
}

/** A whole, well-formed message of that type with the given fields (others 0, protocol
 * version 1.0 where there is one). */
export function message(name: MessageName, fields: MessageFields = {}): Uint8Array {
  const out = new Uint8Array(HEADERS + BODY_LENGTH[name]);
  put16(out, 0, out.length);
  put16(out, 2, CONTROL);
  put32(out, 4, MAGIC_COOKIE);
  put16(out, 8, TYPE[name]);
  if (name === "SCCRQ" || name === "SCCRP") put16(out, HEADERS, 0x0100);
  const callAt = (AT.callId as Partial<Record<MessageName, number>>)[name];
  const peerAt = (AT.peerCallId as Partial<Record<MessageName, number>>)[name];
  const resultAt = (AT.result as Partial<Record<MessageName, number>>)[name];
  if (callAt !== undefined) put16(out, HEADERS + callAt, fields.callId ?? 0);
  if (peerAt !== undefined) put16(out, HEADERS + peerAt, fields.peerCallId ?? 0);
  if (resultAt !== undefined) out[HEADERS + resultAt] = fields.result ?? 1;
  return out;
}

export interface ReadMessage {
  name: MessageName;
  bytes: Uint8Array;
  /** All of the message's fields are in the segment. */
  whole: boolean;
}

/** The message at offset 0 of a segment, as the kernel sees it: null when the headers are
 * incomplete, the type is not control, the cookie is wrong or the message type unknown. */
export function readFirst(data: Uint8Array): ReadMessage | null {
  if (data.length < HEADERS) return null;
  if (u16(data, 2) !== CONTROL || u16(data, 4) * 0x10000 + u16(data, 6) !== MAGIC_COOKIE) {
    return null;
  }
  const type = u16(data, 8);
  const name = MESSAGE_NAMES.find((n) => TYPE[n] === type);
  if (name === undefined) return null;
  const needed = name === "EchoRQ" || name === "EchoRP" ? 0 : BODY_LENGTH[name];
  return { name, bytes: data, whole: data.length - HEADERS >= needed };
}

export function u16(data: Uint8Array, at: number): number {
  return data[at] * 256 + data[at + 1];
}

/** A field of a message (offset from the end of the headers). */
export function field16(data: Uint8Array, at: number): number {
  return u16(data, HEADERS + at);
}

export function callIdOf(m: ReadMessage): number | undefined {
  const at = (AT.callId as Partial<Record<MessageName, number>>)[m.name];
  return at === undefined ? undefined : field16(m.bytes, at);
}

export function peerCallIdOf(m: ReadMessage): number | undefined {
  const at = (AT.peerCallId as Partial<Record<MessageName, number>>)[m.name];
  return at === undefined ? undefined : field16(m.bytes, at);
}

export function resultOf(m: ReadMessage): number | undefined {
  const at = (AT.result as Partial<Record<MessageName, number>>)[m.name];
  return at === undefined ? undefined : m.bytes[HEADERS + at];
}

/** A whole message of that name at offset 0 of the segment, or null. */
export function wholeMessage(data: Uint8Array, name: MessageName): ReadMessage | null {
  const m = readFirst(data);
  return m !== null && m.name === name && m.whole ? m : null;
}

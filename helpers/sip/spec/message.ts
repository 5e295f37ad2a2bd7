// The bytes the SIP helper works on (kernel-helpers.md §6.2): one packet's payload, and a
// message inside it. The kernel walks a message with a pointer (dptr) and a length
// (datalen); offsets here are relative to the message start, as the kernel's matchoff is
// relative to dptr. The kernel sometimes reads one byte past the message (the next
// message of a TCP segment, or past the payload): `at` gives the packet's byte there, and 0
// past the payload (the skb's tail is not part of any flow; NUL stands for it).

/** One packet's payload; a NAT rewrite replaces `data` (nf_nat_mangle_*_packet). */
export interface Packet {
  data: Uint8Array;
}

/** A message: `start` in the payload, `length` = the kernel's datalen (grows and shrinks
 * with each rewrite). */
export interface Message {
  packet: Packet;
  start: number;
  length: number;
}

export const CR = 0x0d;
export const LF = 0x0a;
export const SP = 0x20;
export const HT = 0x09;

/** The byte at `offset` from the message start, 0 past the payload. */
export function at(message: Message, offset: number): number {
  const index = message.start + offset;
  return index >= 0 && index < message.packet.data.length ? message.packet.data[index] : 0;
}

// The kernel's ctype (lib/ctype.c) knows Latin-1: 192–214, 216–246 and 248–255 are
// letters too, so isalpha() says yes to them.
export function isAlpha(byte: number): boolean {
  const lower = byte | 0x20;
  if (lower >= 0x61 && lower <= 0x7a) return true;
  return byte >= 0xc0 && byte !== 0xd7 && byte !== 0xf7;
}

export function isDigit(byte: number): boolean {
  return byte >= 0x30 && byte <= 0x39;
}

/** tolower() for the ASCII letters the needles are made of (Latin-1 letters lower to
 * Latin-1 and never equal an ASCII needle byte). */
function lowerAscii(byte: number): number {
  return byte >= 0x41 && byte <= 0x5a ? byte + 0x20 : byte;
}

/** strncasecmp(dptr + offset, needle, needle.length) == 0 */
export function startsWithIgnoringCase(message: Message, offset: number, needle: string): boolean {
  for (let i = 0; i < needle.length; i++) {
    if (lowerAscii(at(message, offset + i)) !== lowerAscii(needle.charCodeAt(i))) return false;
  }
  return true;
}

/** strncmp(dptr + offset, needle, needle.length) == 0 */
export function startsWith(message: Message, offset: number, needle: string): boolean {
  for (let i = 0; i < needle.length; i++) {
    if (at(message, offset + i) !== needle.charCodeAt(i)) return false;
  }
  return true;
}

/** The message's bytes [offset, offset + length) as an absolute payload range. */
export function absolute(message: Message, offset: number): number {
  return message.start + offset;
}

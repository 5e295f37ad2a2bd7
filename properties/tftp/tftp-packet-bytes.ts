// TFTP packet layout (RFC 1350, 2347): a 2-byte big-endian opcode, then NUL-terminated
// strings or binary fields.

import { asciiBytes } from "../core/dialogue-flow.ts";

export function opcodeBytes(opcode: number): Uint8Array {
  return Uint8Array.of((opcode >> 8) & 0xff, opcode & 0xff);
}

/** An opcode followed by each string NUL-terminated. */
export function packetOfStrings(opcode: number, strings: readonly string[]): Uint8Array {
  const parts = strings.map((s) => asciiBytes(`${s}\0`));
  const out = new Uint8Array(2 + parts.reduce((n, p) => n + p.length, 0));
  out.set(opcodeBytes(opcode), 0);
  let at = 2;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

export function packetWithBody(opcode: number, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(2 + body.length);
  out.set(opcodeBytes(opcode), 0);
  out.set(body, 2);
  return out;
}

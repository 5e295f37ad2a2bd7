// SANE network protocol encoding (sane-project.org, "The SANE network protocol"): every
// value is a 4-byte big-endian word; a string is a word (its length, NUL included) and the
// characters. The kernel reads only the first words of a message, so generators build
// whole messages from these.

import { asciiBytes } from "../core/dialogue-flow.ts";

export function word(value: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, value >>> 0, false);
  return out;
}

/** A SANE_String: length word (with the NUL), then the bytes and the NUL; null = length 0. */
export function saneString(text: string | null): Uint8Array {
  if (text === null) return word(0);
  return concatBytes([word(text.length + 1), asciiBytes(text), Uint8Array.of(0)]);
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** RPC codes of the SANE network protocol. */
export const RPC = {
  INIT: 0,
  GET_DEVICES: 1,
  OPEN: 2,
  CLOSE: 3,
  GET_OPTION_DESCRIPTORS: 4,
  CONTROL_OPTION: 5,
  GET_PARAMETERS: 6,
  START: 7,
  CANCEL: 8,
  AUTHORIZE: 9,
  EXIT: 10,
} as const;

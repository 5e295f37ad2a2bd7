// The FTP helper's two number grammars (kernel-helpers.md §2.5), written from the text.
// Both read bytes of a segment from a start index; both come in two versions: the stable
// kernel (values wrap silently) and the 2026-05 "avoid u16 overflows" fix (a value that
// grows past its range makes the whole parse fail).

import { reach } from "../../spec-core/behaviour.ts";

export interface GrammarVersion {
  /** true = the 2026-05 fix: octet > 255 or port > 65535 ⇒ failure. */
  avoidU16Overflows: boolean;
}

const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;

export function isDigit(byte: number): boolean {
  return byte >= DIGIT_0 && byte <= DIGIT_9;
}

export interface NumberList {
  values: number[];
  /** Index of the terminating byte (the parsed text is [start, end)). */
  end: number;
}

/**
 * §2.5 try_number: `count` decimal slots separated by `separator`, ended by `terminator`
 * (null = any byte that is neither a digit nor the separator).
 * - a digit accumulates into the current slot (value × 10 + digit); stable: u32 wrap;
 *   fixed: a slot above 255 fails at once;
 * - the separator moves to the next slot; `count` separators ⇒ failure;
 * - any other byte ends the parse: success iff it is the terminator (or any byte when the
 *   terminator is null) and exactly count − 1 separators were seen;
 * - running out of bytes first ⇒ failure.
 * Empty slots are 0, leading zeros are fine, the separator is checked before the
 * terminator (so a terminator equal to the separator can never end the parse).
 */
export function readNumberList(
  data: Uint8Array,
  start: number,
  count: number,
  separator: number,
  terminator: number | null,
  version: GrammarVersion,
): NumberList | null {
  const values: number[] = new Array(count).fill(0);
  let slot = 0;
  for (let index = start; index < data.length; index++) {
    const byte = data[index];
    if (isDigit(byte)) {
      values[slot] = (values[slot] * 10 + (byte - DIGIT_0)) % 2 ** 32;
      if (values[slot] > 255) {
        if (version.avoidU16Overflows) {
          reach("number above 255 refused (avoidU16Overflows)");
          return null;
        }
        reach("number above 255 kept (stable kernel)");
      }
    } else if (byte === separator) {
      slot++;
      if (slot === count) return null;
    } else {
      const isTerminator = terminator === null || byte === terminator;
      if (isTerminator && slot === count - 1) return { values, end: index };
      return null;
    }
  }
  return null;
}

export interface PortField {
  port: number;
  /** Index just past the closing delimiter. */
  end: number;
}

/**
 * §2.5 get_port (EPRT and 229): decimal digits from `start` up to `delimiter`.
 * Stable: the value is kept in 16 bits (65536 ⇒ 0, 65537 ⇒ 1); fixed: above 65535 ⇒
 * failure. A value of 0 at the delimiter, any non-digit byte, or no delimiter before the
 * end of the segment ⇒ failure.
 */
export function readPortField(
  data: Uint8Array,
  start: number,
  delimiter: number,
  version: GrammarVersion,
): PortField | null {
  let port = 0;
  for (let index = start; index < data.length; index++) {
    const byte = data[index];
    if (byte === delimiter) {
      if (port === 0) return null;
      return { port, end: index + 1 };
    }
    if (!isDigit(byte)) return null;
    if (version.avoidU16Overflows) {
      port = port * 10 + (byte - DIGIT_0);
      if (port > 65535) {
        reach("port above 65535 refused (avoidU16Overflows)");
        return null;
      }
    } else {
      if (port * 10 + (byte - DIGIT_0) > 65535) reach("port above 65535 wrapped (stable kernel)");
      port = (port * 10 + (byte - DIGIT_0)) % 65536;
    }
  }
  return null;
}

/** §2.5: the stable kernel packs the four slots into a u32 with shifts, so bits of a slot
 * above 255 bleed into the slot before it; returns the 4 bytes in wire order. */
export function packIPv4(values: number[]): Uint8Array {
  const packed = ((values[0] << 24) | (values[1] << 16) | (values[2] << 8) | values[3]) >>> 0;
  return new Uint8Array([packed >>> 24, (packed >>> 16) & 255, (packed >>> 8) & 255, packed & 255]);
}

/** §2.5: port = (p1 << 8 | p2) truncated to 16 bits. */
export function packPort(high: number, low: number): number {
  return ((high << 8) | low) & 0xffff;
}

// Shared by the per tests: hex and bit-string views, and the truncation check every rule's
// tests run (a cut at every bit position gives a PerError, no throw, no look past the end).

import { expect } from "vitest";
import { type BitReader, bitReader } from "./bit-reader.ts";
import { type BitWriter, bitWriter } from "./bit-writer.ts";
import { PerError } from "./per-error.ts";

export const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");
export const fromHex = (text: string) => Uint8Array.from(Buffer.from(text, "hex"));
export const kind = (x: unknown) => (x instanceof PerError ? x.kind : "ok");

/** What write puts in a fresh writer, as a string of 0/1 (no padding). */
export function bitsOf(write: (w: BitWriter) => void): string {
  const w = bitWriter();
  write(w);
  const bytes = w.toBytes();
  let text = "";
  for (let i = 0; i < w.position(); i++) text += ((bytes[i >> 3] as number) >> (7 - (i & 7))) & 1;
  return text;
}

/** The bytes write produces, padded to an octet. */
export function bytesOf(write: (w: BitWriter) => void): Uint8Array {
  const w = bitWriter();
  write(w);
  return w.toBytes();
}

/** Bits given as "0101 1" (spaces ignored), packed into octets with zero padding. */
export function fromBits(text: string): Uint8Array {
  const bits = text.replace(/\s/g, "");
  const bytes = new Uint8Array(Math.ceil(bits.length / 8));
  for (let i = 0; i < bits.length; i++) {
    if (bits[i] === "1") bytes[i >> 3] = (bytes[i >> 3] as number) | (0x80 >> (i & 7));
  }
  return bytes;
}

/**
 * The encoding cut short at every bit position before its end: a reader over the same
 * bytes that ends at the cut must give a PerError, never throw, and never look past it.
 */
export function expectTruncationRefused<T>(
  encoded: Uint8Array,
  read: (r: BitReader) => T | PerError,
): void {
  const whole = bitReader(encoded);
  expect(read(whole)).not.toBeInstanceOf(PerError);
  const consumed = whole.position();
  for (let cut = 0; cut < consumed; cut++) {
    const r = bitReader(encoded, cut);
    expect(read(r), `cut at bit ${cut}`).toBeInstanceOf(PerError);
    expect(r.furthestLook()).toBeLessThanOrEqual(cut);
  }
}

// Long decimal digit runs and the text before them, four bytes at a time. A JS byte loop
// costs ~1 ns a byte here; a word test settles four bytes in a few operations. Words are
// read from a Uint32Array over the payload's ArrayBuffer at 4-aligned addresses only, so
// any view (any byteOffset) works, and no byte outside [from, to) decides anything.
// u32 values of long runs: 10^k ≡ 0 (mod 2^32) for k ≥ 32, so only a run's last 32 digits
// change the value the kernel's wrapping accumulator ends with.

import { appendDigitU32 } from "./decimal.ts";

let wordsOf: ArrayBufferLike | null = null;
let words: Uint32Array = new Uint32Array(0);

function wordsOver(buffer: ArrayBufferLike): Uint32Array {
  if (buffer !== wordsOf) {
    wordsOf = buffer;
    words = new Uint32Array(buffer, 0, buffer.byteLength >> 2);
  }
  return words;
}

/** Runs shorter than this are read byte by byte (no view is made). */
const SHORT = 32;

const isDigit = (b: number) => b >= 0x30 && b <= 0x39;

/** Non-zero when some byte of the word is outside '0'..'9': a byte below '0' borrows into
 * its top bit, one above '9' carries into it (or, from 0x80 up, has it already or gets it
 * from the borrow). Carries between bytes start only at a byte outside the range, so the
 * lowest such byte is always seen and a word of digits gives 0. */
function nonDigits(w: number): number {
  return ((w - 0x30303030) | (w + 0x46464646)) & 0x80808080;
}

/** Non-zero when some byte of the word is '0'..'9' (bytes ^ '0' below 10: the "has a byte
 * less than n" test, exact for the word as a whole). */
function digits(w: number): number {
  const t = w ^ 0x30303030;
  return (t - 0x0a0a0a0a) & ~t & 0x80808080;
}

/** Words a step: while the 4-aligned words of data[p, end) hold only digits (digit =
 * true) or none (digit = false). Returns where the byte-by-byte rest starts (>= p). */
function skipWords(data: Uint8Array, p: number, end: number, digit: boolean): number {
  const base = data.byteOffset;
  while (p < end && ((base + p) & 3) !== 0) {
    if (isDigit(data[p]) !== digit) return p;
    p++;
  }
  const view = wordsOver(data.buffer);
  const lastWord = (base + end) >> 2;
  let k = (base + p) >> 2;
  // Four words a step while they fit, then one.
  if (digit) {
    while (
      k + 4 <= lastWord &&
      (nonDigits(view[k]) |
        nonDigits(view[k + 1]) |
        nonDigits(view[k + 2]) |
        nonDigits(view[k + 3])) ===
        0
    )
      k += 4;
    while (k < lastWord && nonDigits(view[k]) === 0) k++;
  } else {
    while (
      k + 4 <= lastWord &&
      (digits(view[k]) | digits(view[k + 1]) | digits(view[k + 2]) | digits(view[k + 3])) === 0
    )
      k += 4;
    while (k < lastWord && digits(view[k]) === 0) k++;
  }
  return Math.max(p, (k << 2) - base);
}

/** The end of the digit run at data[from..]: the first index in [from, to) that is no
 * '0'..'9', or to. */
export function digitRunEnd(data: Uint8Array, from: number, to: number): number {
  const end = Math.min(to, data.length);
  let p = end - from >= SHORT ? skipWords(data, from, end, true) : from;
  while (p < end && isDigit(data[p])) p++;
  return p;
}

/** The first index in [from, to) holding '0'..'9', else to (also when to lies past the data:
 * nothing there is a digit), or from when from >= to (as a loop from from would end). */
export function firstDigitAt(data: Uint8Array, from: number, to: number): number {
  const end = Math.min(to, data.length);
  let p = end - from >= SHORT ? skipWords(data, from, end, false) : from;
  while (p < end && !isDigit(data[p])) p++;
  return p < end ? p : Math.max(from, to);
}

/** The u32 the kernel's wrapping accumulator holds after the digits data[from, to) (all
 * digits: the caller found the run): only the last 32 can matter. */
export function digitRunU32(data: Uint8Array, from: number, to: number): number {
  let value = 0;
  for (let i = Math.max(from, to - 32); i < to; i++) value = appendDigitU32(value, data[i] - 0x30);
  return value;
}

/** Whether the run data[from, to) (all digits) reads above `max` (< 1000) as an exact
 * number, leading zeros allowed. */
export function digitRunAbove(data: Uint8Array, from: number, to: number, max: number): boolean {
  let i = from;
  while (i < to && data[i] === 0x30) i++;
  if (to - i > 3) return true;
  let value = 0;
  for (; i < to; i++) value = value * 10 + (data[i] - 0x30);
  return value > max;
}

// The next CR or LF: the scan every header and SDP line search spends its time in. Four
// bytes at a time where the payload is 4-byte aligned: a word without a byte below 0x0e
// (the classic "has a byte less than n" test, exact for the word as a whole) holds neither,
// so only words that may hold one are looked at byte by byte. A line longer than 256 bytes
// is searched on natively: its LF, then the first CR before that (helpers/core/find-bytes).

import { indexOfByte } from "../core/find-bytes.ts";

const CR = 0x0d;
const LF = 0x0a;

let wordsOf: Uint8Array | null = null;
let words: Uint32Array | null = null;

function wordView(data: Uint8Array): Uint32Array | null {
  if (data !== wordsOf) {
    wordsOf = data;
    words =
      (data.byteOffset & 3) === 0
        ? new Uint32Array(data.buffer, data.byteOffset, data.length >> 2)
        : null;
  }
  return words;
}

/** Bytes looked at word by word before a native search: two native calls cost what ~250
 * bytes of words do (measured: lines of 80–200 bytes were 30–80 ns slower at 64). */
const NEAR = 256;

/** The index of the first CR or LF in data[from, limit), or limit. */
export function nextLineEnd(data: Uint8Array, from: number, limit: number): number {
  const near = Math.min(limit, from + NEAR);
  const p = wordLineEnd(data, from, near);
  if (p < near || near >= limit) return p;
  const lf = indexOfByte(data, LF, near, limit);
  const end = lf < 0 ? limit : lf;
  const cr = indexOfByte(data, CR, near, end);
  return cr < 0 ? end : cr;
}

/** The first CR or LF in data[from, limit), or limit: words where they fit. */
function wordLineEnd(data: Uint8Array, from: number, limit: number): number {
  let p = from;
  const view = limit - p >= 16 ? wordView(data) : null;
  if (view !== null) {
    // Byte by byte up to a word boundary, then word by word while whole words fit.
    while (p < limit && (p & 3) !== 0) {
      const b = data[p];
      if (b === CR || b === LF) return p;
      p++;
    }
    const lastWord = limit >> 2;
    for (let i = p >> 2; i < lastWord; i++) {
      const w = view[i];
      if (((w - 0x0e0e0e0e) & ~w & 0x80808080) === 0) continue;
      for (let k = i << 2, end = k + 4; k < end; k++) {
        const b = data[k];
        if (b === CR || b === LF) return k;
      }
    }
    p = Math.max(p, lastWord << 2);
  }
  for (; p < limit; p++) {
    const b = data[p];
    if (b === CR || b === LF) return p;
  }
  return limit;
}

// Byte searches at the speed of the machine's memchr. Buffer.prototype.indexOf of one byte
// is native and vectorised (Uint8Array.prototype.indexOf is not: ~0.37 ns a byte here); a
// call costs tens of ns, so a short look in JS comes first and dense candidates stay
// cheap. A pattern is found by its rarest byte (the caller names it) and then verified.
// Semantics are those of a plain forward byte loop over [from, to): first match, exact.

const nativeIndexOf = Buffer.prototype.indexOf;

/** Bytes looked at in JS before the native search is called. */
const NEAR = 16;
/** A native search of the whole rest beyond `to` is cut to [from, to) with a subarray
 * (an allocation) only when the rest is this much longer. */
const FAR = 1024;

/** The first index of `byte` in data[from, to), or -1. */
export function indexOfByte(data: Uint8Array, byte: number, from: number, to: number): number {
  const end = Math.min(to, data.length);
  let i = Math.max(from, 0);
  const near = Math.min(end, i + NEAR);
  for (; i < near; i++) if (data[i] === byte) return i;
  if (i >= end) return -1;
  if (data.length - end > FAR) {
    const at = nativeIndexOf.call(data.subarray(i, end), byte);
    return at < 0 ? -1 : i + at;
  }
  const at = nativeIndexOf.call(data, byte, i);
  return at < 0 || at >= end ? -1 : at;
}

/** Whether data[at, at + pattern.length) is `pattern` (in bounds is the caller's). */
function patternAt(data: Uint8Array, at: number, pattern: Uint8Array): boolean {
  for (let k = 0; k < pattern.length; k++) if (data[at + k] !== pattern[k]) return false;
  return true;
}

/** The first index i in [from, to) with data[i, i + pattern.length) = pattern wholly
 * before min(to, data.length), or -1. Candidates are the places of pattern[rare]: pass the
 * index of the byte least likely in the text searched. */
export function findPattern(
  data: Uint8Array,
  pattern: Uint8Array,
  rare: number,
  from: number,
  to: number,
): number {
  const start = Math.max(from, 0);
  const last = Math.min(to, data.length) - pattern.length;
  const byte = pattern[rare];
  let c = start + rare;
  while (c <= last + rare) {
    const at = indexOfByte(data, byte, c, last + rare + 1);
    if (at < 0) return -1;
    if (patternAt(data, at - rare, pattern)) return at - rare;
    c = at + 1;
  }
  return -1;
}

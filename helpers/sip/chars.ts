// The byte classes nf_conntrack_sip tests, as the kernel's ctype table has them: isalpha
// also holds for the Latin-1 letters (0xC0-0xFF but 0xD7 and 0xF7), isdigit only for
// ASCII digits; name compares fold ASCII case only (strncasecmp on ASCII names).

export const CR = 0x0d;
export const LF = 0x0a;
export const SP = 0x20;
export const HT = 0x09;
export const COLON = 0x3a;

export function isDigit(byte: number): boolean {
  return byte >= 0x30 && byte <= 0x39;
}

export function isAlpha(byte: number): boolean {
  const lower = byte | 0x20;
  if (lower >= 0x61 && lower <= 0x7a) return true;
  return byte >= 0xc0 && byte <= 0xff && byte !== 0xd7 && byte !== 0xf7;
}

export function isLineEnd(byte: number): boolean {
  return byte === CR || byte === LF;
}

/** Lowercase ASCII bytes of a pattern, for caseless compares. */
export function pattern(text: string): Uint8Array {
  return Uint8Array.from(text.toLowerCase(), (c) => c.charCodeAt(0));
}

/** strncasecmp(data + at, pattern, pattern.length) == 0, where a byte past `end` (the
 * buffer the kernel may read) never matches. */
export function caselessAt(data: Uint8Array, at: number, end: number, lower: Uint8Array): boolean {
  const n = lower.length;
  if (at < 0 || at + n > end) return false;
  for (let i = 0; i < n; i++) {
    let b = data[at + i];
    if (b >= 0x41 && b <= 0x5a) b |= 0x20;
    if (b !== lower[i]) return false;
  }
  return true;
}

/** strncmp(data + at, exact, exact.length) == 0 (case-sensitive). */
export function exactAt(data: Uint8Array, at: number, end: number, exact: Uint8Array): boolean {
  const n = exact.length;
  if (at < 0 || at + n > end) return false;
  for (let i = 0; i < n; i++) if (data[at + i] !== exact[i]) return false;
  return true;
}

/** Exact bytes of an ASCII text. */
export function ascii(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

// Shared by spec models only; never imported by fast helpers, and never imports fast-helper
// mechanics (docs/ARCHITECTURE.md, layout).
//
// The kernel's in4_pton / in6_pton (kernel-helpers.md §1.6) as the SIP helper calls them:
// on raw payload bytes, with a length and a delimiter. The delimiter -1 means "stop at the
// first byte that cannot be part of an address" (every such byte counts as the delimiter).
// Written as the kernel's own character classes and states so a reader can check them one
// by one; the only liberty is that the result is a value instead of out-parameters.

export interface PtonResult {
  /** 4 or 16 bytes. */
  bytes: Uint8Array;
  /** Offset of the byte the address stopped at (the delimiter, or start + length). */
  end: number;
}

// Character classes of xdigit2bin (bit flags, as in the kernel).
const XDIGIT = 0x10000;
const DIGIT = 0x20000;
const COLON_1 = 0x100000;
const COLON_2 = 0x200000;
const COLON_1_2 = 0x400000;
const COLON_MASK = 0x700000;
const DOT = 0x800000;
const DELIM = 0x10000000;
const NULL_STATE = 0x20000000;
const UNKNOWN = 0x40000000;

function hexToBin(byte: number): number {
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  const lower = byte | 0x20;
  if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10;
  return -1;
}

/** xdigit2bin: the class of one byte (0 stands for the end of the input). */
function classify(byte: number, delim: number): number {
  // The kernel compares a (signed) char with the int delimiter: byte 0xff equals -1.
  const signed = byte >= 0x80 ? byte - 0x100 : byte;
  if (signed === delim || byte === 0) return DELIM;
  if (byte === 0x3a) return COLON_MASK;
  if (byte === 0x2e) return DOT;
  const value = hexToBin(byte);
  if (value >= 0) return value | XDIGIT | (value < 10 ? DIGIT : 0);
  if (delim === -1) return DELIM;
  return UNKNOWN;
}

function byteAt(data: Uint8Array, index: number, end: number): number {
  return index < end ? data[index] : 0;
}

/** in4_pton(src, srclen, dst, delim, &end): dotted quad, each part 1+ decimal digits of
 * value ≤ 255 (leading zeros unlimited), ended by the delimiter, a ':' or the input end. */
export function in4Pton(
  data: Uint8Array,
  start: number,
  length: number,
  delim: number,
): PtonResult | null {
  const stop = start + Math.max(0, length);
  const octets = new Uint8Array(4);
  let s = start;
  let parts = 0;
  let value = 0;
  let digits = 0;
  for (;;) {
    const c = classify(byteAt(data, s, stop), delim);
    if (!(c & (DIGIT | DOT | DELIM | COLON_MASK))) return null; // a hex letter or unknown
    if (c & (DOT | DELIM | COLON_MASK)) {
      if (digits === 0) return null; // empty part
      octets[parts++] = value;
      value = 0;
      digits = 0;
      if (c & (DELIM | COLON_MASK)) {
        if (parts !== 4) return null;
        return { bytes: octets, end: s };
      }
    } else {
      value = value * 10 + (c & 0xff);
      digits++;
      if (value > 255) return null;
    }
    if (parts >= 4) return null; // a fifth part begins
    s++;
  }
}

/** in6_pton(src, srclen, dst, delim, &end): the kernel's state machine, state by state. */
export function in6Pton(
  data: Uint8Array,
  start: number,
  length: number,
  delim: number,
): PtonResult | null {
  const stop = start + Math.max(0, length);
  const buffer = new Uint8Array(16);
  let d = 0; // bytes written
  let dc = -1; // where "::" stands, -1 = none
  let tok = -1; // start of the current group
  let state = COLON_1_2 | XDIGIT | NULL_STATE;
  let word = 0;
  let s = start;
  for (;;) {
    const c = classify(byteAt(data, s, stop), delim);
    if (!(c & state)) return null;
    if (c & (DELIM | COLON_MASK)) {
      // one 16-bit group is done
      if (!(state & NULL_STATE)) {
        buffer[d++] = (word >> 8) & 0xff;
        buffer[d++] = word & 0xff;
      }
      word = 0;
      if (c & DELIM) break; // the last group
      switch (state & COLON_MASK) {
        case COLON_2:
          dc = d;
          state = XDIGIT | DELIM;
          if (dc >= 16) state |= NULL_STATE;
          break;
        case COLON_1 | COLON_1_2:
          state = XDIGIT | COLON_2;
          break;
        case COLON_1:
          state = XDIGIT;
          break;
        case COLON_1_2:
          state = COLON_2;
          break;
        default:
          state = 0;
      }
      tok = s + 1;
    } else if (c & DOT) {
      // An IPv4 tail: in4_pton from the group's start, the address ends where it ends.
      const from = tok === -1 ? s : tok;
      const tail = in4Pton(data, from, stop - from, delim);
      if (tail === null || d + 4 > 16) return null;
      buffer.set(tail.bytes, d);
      d += 4;
      s = tail.end;
      break;
    } else {
      word = (word << 4) | (c & 0xff);
      state = COLON_1 | DELIM;
      if (!(word & 0xf000)) state |= XDIGIT;
      if (dc === -1 && d + 2 < 16) {
        state |= COLON_1_2;
        state &= ~DELIM;
      }
      if (d + 2 >= 16) state &= ~(COLON_1 | COLON_1_2);
    }
    // cont:
    if ((dc !== -1 && d + 4 < 16) || d + 4 === 16) state |= DOT;
    if (d >= 16) state &= ~(XDIGIT | COLON_MASK);
    s++;
  }
  const out = new Uint8Array(16);
  if (dc !== -1) {
    // The groups after "::" move to the end; zeros fill the gap.
    const after = d - dc;
    out.set(buffer.subarray(0, dc), 0);
    out.set(buffer.subarray(dc, d), 16 - after);
  } else {
    out.set(buffer, 0);
  }
  return { bytes: out, end: s };
}

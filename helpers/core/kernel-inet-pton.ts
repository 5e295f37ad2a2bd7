// The kernel's in4_pton/in6_pton (net/core/utils.c), which helpers use to read addresses
// out of payloads. Their grammar differs from RFC text parsing in ways a peer can use:
// - the address ends at the delimiter, at a NUL byte, or where the given length runs out;
// - an embedded IPv4 tail may also end at ':' (and the caller then skips that byte);
// - IPv4 parts take any number of leading zeros; IPv6 groups too (0000001 is one group).
// Both return the index where parsing stopped (the terminator), or -1 on failure.

/** delim -1 = no delimiter: any byte that can't continue the address ends it. */
export const ANY_DELIMITER = -1;

const END = 1;
const COLON = 2;
const DOT = 3;
const HEX = 4;
const OTHER = 5;

function classify(byte: number, delim: number): number {
  if (byte === delim || byte === 0) return END;
  if (byte === 0x3a) return COLON;
  if (byte === 0x2e) return DOT;
  if (hexValue(byte) >= 0) return HEX;
  return delim === ANY_DELIMITER ? END : OTHER;
}

function hexValue(byte: number): number {
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  const lower = byte | 0x20;
  if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10;
  return -1;
}

/** The parts read so far: written to `out` only on success, as the kernel's dbuf. */
const in4Parts = new Uint8Array(4);

/** in4_pton over data[start, start+length): 4 decimal parts ≤ 255 separated by '.',
 * ended by the delimiter, NUL, ':' or the end of the length. Writes out[at..at+4). */
export function kernelIn4Pton(
  data: Uint8Array,
  start: number,
  length: number,
  delim: number,
  out: Uint8Array,
  at: number,
): number {
  let part = 0;
  let value = 0;
  let digits = 0;
  const parsed = in4Parts;
  for (let pos = start, left = length; ; pos++, left--) {
    const byte = left > 0 ? data[pos] : 0;
    const cls = classify(byte, delim);
    if (cls === END || cls === COLON || cls === DOT) {
      if (digits === 0) return -1;
      parsed[part++] = value;
      value = 0;
      digits = 0;
      if (cls !== DOT) {
        if (part !== 4) return -1;
        for (let i = 0; i < 4; i++) out[at + i] = parsed[i];
        return pos;
      }
    } else if (cls === HEX && byte >= 0x30 && byte <= 0x39) {
      value = value * 10 + (byte - 0x30);
      digits++;
      if (value > 255) return -1;
    } else {
      return -1;
    }
    if (part >= 4) return -1;
  }
}

// in6_pton's state: which byte classes may come next.
const MAY_HEX = 1;
const MAY_COLON_1 = 2; // a single ':' after a group
const MAY_COLON_2 = 4; // the second ':' of "::"
const MAY_DOUBLE = 8; // a ':' that may start "::"
const MAY_DOT = 16;
const MAY_END = 32;
const NO_GROUP_PENDING = 64;
const ANY_COLON = MAY_COLON_1 | MAY_COLON_2 | MAY_DOUBLE;

const scratch = new Uint8Array(16);

/** in6_pton over data[start, start+length). Writes out[0..16) on success. */
export function kernelIn6Pton(
  data: Uint8Array,
  start: number,
  length: number,
  delim: number,
  out: Uint8Array,
): number {
  const buf = scratch;
  buf.fill(0);
  let state = MAY_DOUBLE | MAY_HEX | NO_GROUP_PENDING;
  let group = 0;
  let filled = 0; // bytes of buf written
  let doubleAt = -1; // where "::" stands in buf
  let groupStart = -1; // index of the byte after the last ':'
  let end = -1;
  for (let pos = start, left = length; ; pos++, left--) {
    const byte = left > 0 ? data[pos] : 0;
    const cls = classify(byte, delim);
    if (cls === END || cls === COLON) {
      if (!(state & (cls === END ? MAY_END : ANY_COLON))) return -1;
      // Each ':' (and the end) closes a group, even an empty one: "::" stores a zero group
      // before its own position, so "::" always stands for at least one group.
      if (!(state & NO_GROUP_PENDING)) {
        buf[filled++] = (group >> 8) & 0xff;
        buf[filled++] = group & 0xff;
      }
      group = 0;
      if (cls === END) {
        end = pos;
        break;
      }
      const colons = state & ANY_COLON;
      if (colons === MAY_COLON_2) {
        doubleAt = filled;
        state = MAY_HEX | MAY_END;
        if (doubleAt >= 16) state |= NO_GROUP_PENDING;
      } else if (colons === (MAY_COLON_1 | MAY_DOUBLE)) {
        state = MAY_HEX | MAY_COLON_2;
      } else if (colons === MAY_COLON_1) {
        state = MAY_HEX;
      } else if (colons === MAY_DOUBLE) {
        state = MAY_COLON_2;
      } else {
        state = 0;
      }
      groupStart = pos + 1;
    } else if (cls === DOT) {
      if (!(state & MAY_DOT)) return -1;
      // The digits read so far as hex are re-read from the group start as IPv4.
      const from = groupStart < 0 ? pos : groupStart;
      end = kernelIn4Pton(data, from, left + (pos - from), delim, buf, filled);
      if (end < 0) return -1;
      filled += 4;
      break;
    } else if (cls === HEX) {
      if (!(state & MAY_HEX)) return -1;
      group = (group << 4) | hexValue(byte);
      state = MAY_COLON_1 | MAY_END;
      if (!(group & 0xf000)) state |= MAY_HEX;
      if (doubleAt < 0 && filled + 2 < 16) {
        state |= MAY_DOUBLE;
        state &= ~MAY_END;
      }
      if (filled + 2 >= 16) state &= ~(MAY_COLON_1 | MAY_DOUBLE);
    } else {
      return -1;
    }
    if ((doubleAt >= 0 && filled + 4 < 16) || filled + 4 === 16) state |= MAY_DOT;
    if (filled >= 16) state &= ~(MAY_HEX | ANY_COLON);
  }
  if (doubleAt >= 0) {
    const tail = filled - doubleAt;
    out.fill(0);
    for (let i = 0; i < doubleAt; i++) out[i] = buf[i];
    for (let i = 0; i < tail; i++) out[16 - tail + i] = buf[doubleAt + i];
  } else {
    for (let i = 0; i < 16; i++) out[i] = buf[i];
  }
  return end;
}

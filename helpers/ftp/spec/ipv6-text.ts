// The IPv6 address of an EPRT |2| command, read the way the kernel's in6_pton reads it
// (kernel-helpers.md §1.6, §2.5). It is close to RFC 4291 but not equal, and a reference
// model diffed against the kernel must keep the differences, so this is the kernel's
// grammar written out as rules rather than the project's strict address parser:
//
// R1 The address ends at the first byte equal to the delimiter or NUL, or at the end of
//    the input (at most 0xffff bytes are looked at). The delimiter wins over every other
//    meaning of its byte (a ':' or 'a' delimiter cannot occur inside the address).
// R2 Groups are separated by ':'. One "::" stands for one or more zero groups; it may
//    lead, trail, and follow at most 7 groups. A single leading or trailing ':' fails.
// R3 A hex group is one or more hex digits of value ≤ 0xffff; leading zeros are unlimited.
// R4 The last group may be a dotted quad counting as two groups: exactly 4 decimal octets,
//    each one or more digits of value ≤ 255 (leading zeros unlimited). The quad also ends
//    at a ':' (in4_pton stops there), and the caller then reads on after that ':'.
// R5 Without "::" there are exactly 8 groups; with it at most 7 (measured on 6.18.44:
//    "2001:db8:0:0:0:0:0::1" and "2001:db8::0:0:0:0:0:0" are refused, so "::" never
//    stands for zero groups).
// R6 Any other byte fails.

export interface KernelIPv6 {
  bytes: Uint8Array;
  /** Index of the byte the address stopped at (R1/R4); may equal the input end. */
  end: number;
}

const INPUT_CAP = 0xffff;
const COLON = 0x3a;
const DOT = 0x2e;

type ByteClass = "stop" | "colon" | "dot" | "hex" | "other";

function hexDigitValue(byte: number): number {
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  if (byte >= 0x61 && byte <= 0x66) return byte - 0x61 + 10;
  if (byte >= 0x41 && byte <= 0x46) return byte - 0x41 + 10;
  return -1;
}

export function readKernelIPv6(
  data: Uint8Array,
  start: number,
  delimiter: number,
): KernelIPv6 | null {
  const limit = Math.min(data.length, start + INPUT_CAP);
  const classify = (index: number): ByteClass => {
    if (index >= limit) return "stop"; // R1 end of input
    const byte = data[index];
    if (byte === delimiter || byte === 0) return "stop"; // R1
    if (byte === COLON) return "colon";
    if (byte === DOT) return "dot";
    if (hexDigitValue(byte) >= 0) return "hex";
    return "other"; // R6
  };

  const groups: number[] = [];
  let compressAt = -1; // number of groups before "::", -1 = no "::"
  const finish = (end: number): KernelIPv6 | null => {
    if (compressAt === -1 ? groups.length !== 8 : groups.length > 7) return null; // R5
    return { bytes: assemble(groups, compressAt), end };
  };

  let pos = start;
  if (classify(pos) === "colon") {
    if (classify(pos + 1) !== "colon") return null; // R2 single leading ':'
    compressAt = 0;
    pos += 2;
    if (classify(pos) === "stop") return finish(pos);
  }
  for (;;) {
    const groupStart = pos;
    let value = 0;
    while (classify(pos) === "hex") {
      if (value >= 0x1000) return null; // R3 more than 4 significant digits
      value = value * 16 + hexDigitValue(data[pos]);
      pos++;
    }
    if (classify(pos) === "dot") {
      const quad = readDottedQuad(data, groupStart, limit, delimiter); // R4
      if (quad === null) return null;
      groups.push((quad.octets[0] << 8) | quad.octets[1], (quad.octets[2] << 8) | quad.octets[3]);
      return finish(quad.end);
    }
    if (pos === groupStart) return null; // R2 empty group, R6 other byte
    groups.push(value);
    if (groups.length > 8) return null; // R5
    const next = classify(pos);
    if (next === "stop") return finish(pos);
    if (next !== "colon") return null; // R6
    if (classify(pos + 1) === "colon") {
      if (compressAt !== -1 || groups.length > 7) return null; // R2 one "::", after ≤ 7
      compressAt = groups.length;
      pos += 2;
      if (classify(pos) === "stop") return finish(pos);
    } else {
      pos += 1;
    }
  }
}

/** R4: in4_pton with the EPRT delimiter, started at the first digit of the quad. */
function readDottedQuad(
  data: Uint8Array,
  start: number,
  limit: number,
  delimiter: number,
): { octets: number[]; end: number } | null {
  const octets: number[] = [];
  let value = 0;
  let digits = 0;
  for (let pos = start; ; pos++) {
    const atEnd = pos >= limit;
    const byte = atEnd ? 0 : data[pos];
    const isStop = atEnd || byte === delimiter || byte === 0 || byte === COLON;
    if (isStop || byte === DOT) {
      if (digits === 0) return null;
      octets.push(value);
      value = 0;
      digits = 0;
      if (isStop) return octets.length === 4 ? { octets, end: pos } : null;
      if (octets.length === 4) return null;
    } else if (byte >= 0x30 && byte <= 0x39) {
      value = value * 10 + (byte - 0x30);
      digits++;
      if (value > 255) return null;
    } else {
      return null;
    }
  }
}

function assemble(groups: number[], compressAt: number): Uint8Array {
  const words = new Array<number>(8).fill(0);
  if (compressAt === -1) {
    for (let i = 0; i < 8; i++) words[i] = groups[i];
  } else {
    const head = groups.slice(0, compressAt);
    const tail = groups.slice(compressAt);
    for (let i = 0; i < head.length; i++) words[i] = head[i];
    for (let i = 0; i < tail.length; i++) words[8 - tail.length + i] = tail[i];
  }
  const bytes = new Uint8Array(16);
  for (let i = 0; i < 8; i++) {
    bytes[2 * i] = words[i] >> 8;
    bytes[2 * i + 1] = words[i] & 0xff;
  }
  return bytes;
}

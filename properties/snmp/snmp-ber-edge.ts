// BER edge and malformed forms of an SNMP message: a length byte rewritten to long form
// (0x81, 0x82, non-minimal, or 0x83/0x84), to indefinite (0x80, with or without EOCs), a
// wrong tag, a truncated end, a length past the end, an IpAddress of 3 or 5 bytes,
// version 2 or 3.

import fc from "fast-check";

function edit(
  bytes: Uint8Array,
  at: number,
  replace: number,
  insert: readonly number[],
): Uint8Array {
  const i = at % Math.max(1, bytes.length);
  return Uint8Array.from([...bytes.slice(0, i), ...insert, ...bytes.slice(i + replace)]);
}

/** `message` with one BER edge or malformation. */
export function berEdgeOf(message: fc.Arbitrary<Uint8Array>): fc.Arbitrary<Uint8Array> {
  return fc
    .tuple(message, fc.nat(), fc.integer({ min: 0, max: 9 }), fc.nat(255))
    .map(([m, at, kind, b]) => {
      const i = at % m.length;
      switch (kind) {
        case 0: // long form 0x81 of the length after position i's tag
          return edit(m, i + 1, 1, [0x81, m[i + 1] as number]);
        case 1:
          return edit(m, i + 1, 1, [0x82, 0, m[i + 1] as number]);
        case 2:
          return edit(m, i + 1, 1, [0x83 + (b & 1), 0, 0, m[i + 1] as number]);
        case 3:
          return edit(m, i + 1, 1, [0x80]);
        case 4: // indefinite with EOCs at the end
          return Uint8Array.from([...edit(m, 1, 1, [0x80]), 0, 0]);
        case 5: // wrong tag
          return edit(m, i, 1, [b]);
        case 6:
          return m.slice(0, i);
        case 7: // a length past the end
          return edit(m, i + 1, 1, [Math.min(0x7f, (m[i + 1] as number) + 1 + (b & 7))]);
        case 8: {
          const ip = m.findIndex((x, k) => x === 0x40 && m[k + 1] === 4);
          if (ip < 0) return m;
          return b & 1 ? edit(m, ip + 1, 2, [3]) : edit(m, ip + 1, 1, [5, 0]);
        }
        default:
          return edit(m, 4, 1, [2 + (b & 1)]);
      }
    });
}

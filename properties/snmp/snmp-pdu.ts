// SNMP v1/v2c messages as agents and managers write them (get, getnext, getbulk, set,
// response, inform, v2 trap, report; and the v1 trap with its agent-addr, which 6.18's
// grammar does not have), whose varbinds carry IpAddress values equal to the inside
// address and not, plus the BER edge and malformed forms of snmp-ber-edge.ts.

import fc from "fast-check";
import { parseIPv4 } from "../../helpers/core/address.ts";

/** A BER TLV with a minimal definite length. */
export function berTlv(tag: number, body: readonly number[]): number[] {
  const n = body.length;
  const length = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
  return [tag, ...length, ...body];
}

const integer = fc
  .oneof(fc.integer({ min: 0, max: 127 }), fc.integer({ min: 0, max: 0x7fffffff }))
  .map((v) => {
    const bytes: number[] = [];
    let x = v;
    do {
      bytes.unshift(x & 0xff);
      x = Math.floor(x / 256);
    } while (x > 0);
    if ((bytes[0] as number) & 0x80) bytes.unshift(0);
    return berTlv(0x02, bytes);
  });
const oid = fc
  .array(fc.integer({ min: 0, max: 127 }), { minLength: 1, maxLength: 10 })
  .map((a) => berTlv(0x06, [0x2b, ...a]));

/** A varbind value: an IpAddress (inside address or another), or the other value types. */
function value(inside: readonly number[]): fc.Arbitrary<number[]> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant(berTlv(0x40, [...inside])) },
    {
      weight: 2,
      arbitrary: fc.uint8Array({ minLength: 4, maxLength: 4 }).map((a) => berTlv(0x40, [...a])),
    },
    { weight: 2, arbitrary: fc.constant(berTlv(0x05, [])) },
    {
      // CVE-2019-9162's shape: an IpAddress of another length than 4.
      weight: 1,
      arbitrary: fc
        .constantFrom(0, 3, 5, 8)
        .map((n) => berTlv(0x40, inside.concat([1, 2, 3, 4]).slice(0, n))),
    },
    { weight: 1, arbitrary: integer },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 12 }).map((a) => berTlv(0x04, [...a])) },
    { weight: 1, arbitrary: oid },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom(0x41, 0x42, 0x43, 0x46), integer)
        .map(([tag, i]) => [tag, ...i.slice(1)]),
    },
    { weight: 1, arbitrary: fc.constantFrom(0x80, 0x81, 0x82).map((t) => [t, 0]) },
  );
}

/** One message (version 0 or 1) for the inside address `insideAddr`. */
export function snmpMessage(insideAddr: string): fc.Arbitrary<Uint8Array> {
  const inside = [...(parseIPv4(insideAddr) ?? new Uint8Array(4))];
  const binds = fc.array(
    fc.tuple(oid, value(inside)).map(([name, v]) => berTlv(0x30, [...name, ...v])),
    { maxLength: 5 },
  );
  const community = fc
    .constantFrom("public", "private", "")
    .map((s) => berTlv(0x04, [...Buffer.from(s)]));
  const pdu = fc.oneof(
    {
      weight: 8,
      arbitrary: fc
        .tuple(
          fc.constantFrom(0xa0, 0xa1, 0xa2, 0xa3, 0xa5, 0xa6, 0xa7, 0xa8),
          integer,
          integer,
          integer,
          binds,
        )
        .map(([tag, id, status, index, list]) =>
          berTlv(tag, [...id, ...status, ...index, ...berTlv(0x30, list.flat())]),
        ),
    },
    {
      weight: 1,
      // v1 Trap-PDU: enterprise, agent-addr (the inside address), generic, specific, time.
      arbitrary: fc
        .tuple(oid, integer, integer, binds)
        .map(([ent, g, s, list]) =>
          berTlv(0xa4, [
            ...ent,
            ...berTlv(0x40, inside),
            ...g,
            ...s,
            ...berTlv(0x43, [1]),
            ...berTlv(0x30, list.flat()),
          ]),
        ),
    },
  );
  return fc
    .tuple(fc.constantFrom(0, 1), community, pdu)
    .map(([v, c, p]) => Uint8Array.from(berTlv(0x30, [...berTlv(0x02, [v]), ...c, ...p])));
}

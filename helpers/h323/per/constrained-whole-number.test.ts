import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bitReader } from "./bit-reader.ts";
import {
  bitsFor,
  octetsFor,
  readConstrainedWholeNumber,
  writeConstrainedWholeNumber,
} from "./constrained-whole-number.ts";
import { bitsOf, bytesOf, expectTruncationRefused, fromBits, hex, kind } from "./test-support.ts";

const enc = (n: number, lb: number, ub: number) =>
  bitsOf((w) => writeConstrainedWholeNumber(w, n, lb, ub));
const read = (lb: number, ub: number) => (r: ReturnType<typeof bitReader>) =>
  readConstrainedWholeNumber(r, lb, ub);

describe("bitsFor and octetsFor", () => {
  it("count the minimum bits for a range and octets for a value", () => {
    expect([1, 2, 3, 4, 5, 255, 256, 257].map(bitsFor)).toEqual([0, 1, 2, 2, 3, 8, 8, 9]);
    expect([0, 255, 256, 65535, 65536, 2 ** 32 - 1].map(octetsFor)).toEqual([1, 1, 2, 2, 3, 4]);
  });
});

describe("encoding (X.691 10.5)", () => {
  it("range 1 takes no bits (10.5.4)", () => {
    expect(enc(7, 7, 7)).toBe("");
  });
  it("range ≤ 255 takes the minimum bits, unaligned (10.5.7.1)", () => {
    expect(enc(3, 0, 7)).toBe("011");
    expect(enc(12, 10, 14)).toBe("010"); // range 5: 3 bits, 12 - 10 = 2
    expect(enc(254, 0, 254)).toBe("11111110");
    // after one bit, no padding: the field follows at bit 1
    expect(
      bitsOf((w) => {
        w.writeBit(true);
        writeConstrainedWholeNumber(w, 1, 0, 1);
      }),
    ).toBe("11");
  });
  it("range 256 is one aligned octet (10.5.7.2)", () => {
    expect(
      bitsOf((w) => {
        w.writeBit(true);
        writeConstrainedWholeNumber(w, 0x85, 0, 255);
      }),
    ).toBe("1000000010000101");
  });
  it("range 257..65536 is two aligned octets (10.5.7.3)", () => {
    expect(hex(bytesOf((w) => writeConstrainedWholeNumber(w, 256, 0, 256)))).toBe("0100");
    expect(hex(bytesOf((w) => writeConstrainedWholeNumber(w, 65535, 0, 65535)))).toBe("ffff");
    expect(hex(bytesOf((w) => writeConstrainedWholeNumber(w, 1001, 1, 65536)))).toBe("03e8");
  });
  it("a larger range is a length in the minimum bits, then aligned octets (10.5.7.4)", () => {
    // 0..4294967295: offsets need up to 4 octets, so the length 1..4 takes 2 bits
    expect(enc(5, 0, 2 ** 32 - 1)).toBe("00" + "000000" + "00000101");
    expect(enc(0x12345, 0, 2 ** 32 - 1)).toBe("10" + "000000" + "000000010010001101000101");
    expect(hex(bytesOf((w) => writeConstrainedWholeNumber(w, 2 ** 32 - 1, 0, 2 ** 32 - 1)))).toBe(
      "c0ffffffff",
    );
    // 0..65536 * 256: offsets up to 3 octets, the length 1..3 takes 2 bits
    expect(enc(65536, 0, 2 ** 24 - 1)).toBe("10" + "000000" + "000000010000000000000000");
  });
  it("refuses a value outside the constraint", () => {
    expect(() => enc(8, 0, 7)).toThrow(RangeError);
    expect(() => enc(-1, 0, 7)).toThrow(RangeError);
  });
});

describe("decoding", () => {
  it("reads the hand-computed vectors back", () => {
    expect(readConstrainedWholeNumber(bitReader(fromBits("011")), 0, 7)).toBe(3);
    expect(readConstrainedWholeNumber(bitReader(fromBits("010")), 10, 14)).toBe(12);
    expect(readConstrainedWholeNumber(bitReader(fromBits("")), 7, 7)).toBe(7);
    const r = bitReader(fromBits("1 0000000 10000101"));
    r.readBit();
    expect(readConstrainedWholeNumber(r, 0, 255)).toBe(0x85);
  });
  it("refuses an offset past the range in the minimum bits", () => {
    // range 5 in 3 bits: 101..111 are not values
    expect(kind(readConstrainedWholeNumber(bitReader(fromBits("101")), 10, 14))).toBe(
      "out-of-range",
    );
    expect(kind(readConstrainedWholeNumber(bitReader(fromBits("0000000100000000")), 0, 255))).toBe(
      "ok",
    );
    expect(kind(readConstrainedWholeNumber(bitReader(fromBits("00000001 00000001")), 0, 256))).toBe(
      "out-of-range",
    );
  });
  it("refuses, in the octet form, a length past the range's octets or a value past ub", () => {
    // 0..2^24-1: length field 11 means 4 octets, more than 3
    expect(kind(readConstrainedWholeNumber(bitReader(fromBits("11")), 0, 2 ** 24 - 1))).toBe(
      "out-of-range",
    );
    // 0..100000 needs 3 octets; 0x0186a1 = 100001 is past ub
    const bytes = Uint8Array.from([0x80, 0x01, 0x86, 0xa1]);
    expect(kind(readConstrainedWholeNumber(bitReader(bytes), 0, 100000))).toBe("out-of-range");
    expect(
      readConstrainedWholeNumber(bitReader(Uint8Array.from([0x80, 1, 0x86, 0xa0])), 0, 100000),
    ).toBe(100000);
  });
});

const constraint = fc
  .tuple(
    fc.integer({ min: -(2 ** 40), max: 2 ** 40 }),
    fc.oneof(
      fc.integer({ min: 0, max: 300 }),
      fc.integer({ min: 0, max: 70000 }),
      fc.integer({ min: 0, max: 2 ** 47 }),
    ),
  )
  .chain(([lb, width]) =>
    fc.tuple(fc.constant(lb), fc.constant(lb + width), fc.integer({ min: lb, max: lb + width })),
  );

describe("round trips", () => {
  it("decode(encode(n)) = n after any prefix of bits", () => {
    fc.assert(
      fc.property(constraint, fc.integer({ min: 0, max: 7 }), ([lb, ub, n], prefix) => {
        const bytes = bytesOf((w) => {
          w.writeBits(0, prefix);
          writeConstrainedWholeNumber(w, n, lb, ub);
        });
        const r = bitReader(bytes);
        r.readBits(prefix);
        expect(readConstrainedWholeNumber(r, lb, ub)).toBe(n);
      }),
      { numRuns: 500 },
    );
  });
  it("every cut of an encoding is refused without a look past the cut", () => {
    fc.assert(
      fc.property(constraint, ([lb, ub, n]) => {
        if (ub === lb) return;
        const bytes = bytesOf((w) => writeConstrainedWholeNumber(w, n, lb, ub));
        expectTruncationRefused(bytes, read(lb, ub));
      }),
      { numRuns: 300 },
    );
  });
});

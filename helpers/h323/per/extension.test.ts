import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type BitReader, bitReader } from "./bit-reader.ts";
import {
  readConstrainedWholeNumber,
  writeConstrainedWholeNumber,
} from "./constrained-whole-number.ts";
import {
  readExtensibleInteger,
  readExtensibleLength,
  readNormallySmall,
  readNormallySmallLength,
  readOpenType,
  readOpenTypeOctets,
  writeExtensibleInteger,
  writeExtensibleLength,
  writeNormallySmall,
  writeNormallySmallLength,
  writeOpenType,
} from "./extension.ts";
import { PerError } from "./per-error.ts";
import {
  bitsOf,
  bytesOf,
  expectTruncationRefused,
  fromBits,
  fromHex,
  hex,
  kind,
} from "./test-support.ts";

describe("normally small non-negative whole number (X.691 10.6)", () => {
  it("≤ 63: a 0 bit and 6 bits, unaligned", () => {
    expect(bitsOf((w) => writeNormallySmall(w, 0))).toBe("0000000");
    expect(bitsOf((w) => writeNormallySmall(w, 63))).toBe("0111111");
  });
  it("larger: a 1 bit, then a semi-constrained number (10.7) aligned", () => {
    expect(hex(bytesOf((w) => writeNormallySmall(w, 64)))).toBe("800140");
    expect(readNormallySmall(bitReader(fromHex("800140")))).toBe(64);
    expect(readNormallySmall(bitReader(fromBits("0 000101")))).toBe(5);
  });
});

describe("normally small length (10.9.3.4)", () => {
  it("1..64: a 0 bit and n - 1 in 6 bits", () => {
    expect(bitsOf((w) => writeNormallySmallLength(w, 1))).toBe("0000000");
    expect(bitsOf((w) => writeNormallySmallLength(w, 64))).toBe("0111111");
    expect(readNormallySmallLength(bitReader(fromBits("0000010")))).toBe(3);
  });
  it("larger: a 1 bit, then an aligned unconstrained length; zero is refused", () => {
    expect(hex(bytesOf((w) => writeNormallySmallLength(w, 65)))).toBe("8041");
    expect(readNormallySmallLength(bitReader(fromHex("8041")))).toBe(65);
    expect(kind(readNormallySmallLength(bitReader(fromHex("8000"))))).toBe("out-of-range");
    expect(kind(readNormallySmallLength(bitReader(fromHex("80c1"))))).toBe("fragmented");
  });
});

describe("extensible constraints (12.1 for INTEGER, SIZE (..., ...))", () => {
  it("a root value: bit 0 then the root encoding", () => {
    expect(bitsOf((w) => writeExtensibleInteger(w, 5, 0, 7))).toBe("0101");
    expect(bitsOf((w) => writeExtensibleLength(w, 2, { lb: 1, ub: 4 }))).toBe("001");
  });
  it("outside the root: bit 1 then the unconstrained form", () => {
    expect(hex(bytesOf((w) => writeExtensibleInteger(w, 8, 0, 7)))).toBe("800108");
    expect(readExtensibleInteger(bitReader(fromHex("8001f8")), 0, 7)).toBe(-8);
    expect(hex(bytesOf((w) => writeExtensibleLength(w, 5, { lb: 1, ub: 4 })))).toBe("8005");
    expect(readExtensibleLength(bitReader(fromHex("8005")), { lb: 1, ub: 4 })).toBe(5);
  });
});

describe("open types (10.2)", () => {
  it("an aligned length and the inner encoding's padded octets", () => {
    const bytes = bytesOf((w) => {
      w.writeBit(true);
      writeOpenType(w, (inner) => inner.writeBits(0b101, 3));
    });
    expect(hex(bytes)).toBe("8001a0");
  });
  it("an empty inner encoding is one zero octet (10.1.3)", () => {
    expect(hex(bytesOf((w) => writeOpenType(w, () => {})))).toBe("0100");
  });
  it("confines the inner decoder to the open type's octets", () => {
    // length 1, inner octet ff, then ff outside: an inner read of 9 bits must fail
    const r = bitReader(fromHex("01ffff"));
    const got = readOpenType(r, (inner) => inner.readBits(9));
    expect(kind(got)).toBe("overrun");
    // and the outer reader is after the open type, whatever the inner decoder did
    expect(r.position()).toBe(16);
    expect(readOpenType(bitReader(fromHex("01ffff")), (inner) => inner.readBits(8))).toBe(255);
  });
  it("readOpenTypeOctets skips an unknown value", () => {
    const r = bitReader(fromHex("02abcd07"));
    expect(hex(readOpenTypeOctets(r) as Uint8Array)).toBe("abcd");
    expect(r.readBits(8)).toBe(7);
  });
  it("refuses a length past the buffer", () => {
    expect(kind(readOpenTypeOctets(bitReader(fromHex("03abcd"))))).toBe("overrun");
  });
});

describe("round trips and cuts", () => {
  const readSkip = (prefix: number, read: (r: BitReader) => unknown) => (r: BitReader) => {
    const skipped = r.readBits(prefix);
    return skipped instanceof PerError ? skipped : read(r);
  };
  it("normally small numbers and lengths", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.nat({ max: 70 }), fc.nat({ max: 2 ** 40 })),
        fc.integer({ min: 1, max: 16383 }),
        fc.integer({ min: 0, max: 7 }),
        (n, length, prefix) => {
          const bytes = bytesOf((w) => {
            w.writeBits(0, prefix);
            writeNormallySmall(w, n);
            writeNormallySmallLength(w, length);
          });
          const read = readSkip(prefix, (r) => {
            const a = readNormallySmall(r);
            if (a instanceof PerError) return a;
            const b = readNormallySmallLength(r);
            return b instanceof PerError ? b : [a, b];
          });
          expect(read(bitReader(bytes))).toEqual([n, length]);
          expectTruncationRefused(bytes, read);
        },
      ),
      { numRuns: 500 },
    );
  });
  it("extensible integers", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1000, max: 1000 }),
        fc.integer({ min: -(2 ** 40), max: 2 ** 40 }),
        (lb, n) => {
          const bytes = bytesOf((w) => writeExtensibleInteger(w, n, lb, lb + 300));
          const read = (r: BitReader) => readExtensibleInteger(r, lb, lb + 300);
          expect(read(bitReader(bytes))).toBe(n);
          expectTruncationRefused(bytes, read);
        },
      ),
      { numRuns: 500 },
    );
  });
  it("open types holding a constrained number, then a trailing field", () => {
    fc.assert(
      fc.property(fc.nat({ max: 2 ** 32 - 1 }), fc.nat({ max: 255 }), (n, tail) => {
        const bytes = bytesOf((w) => {
          writeOpenType(w, (inner) => writeConstrainedWholeNumber(inner, n, 0, 2 ** 32 - 1));
          w.writeBits(tail, 8);
        });
        const read = (r: BitReader) => {
          const inner = readOpenType(r, (i) => readConstrainedWholeNumber(i, 0, 2 ** 32 - 1));
          if (inner instanceof PerError) return inner;
          const t = r.readBits(8);
          return t instanceof PerError ? t : [inner, t];
        };
        expect(read(bitReader(bytes))).toEqual([n, tail]);
        expectTruncationRefused(bytes, read);
      }),
      { numRuns: 500 },
    );
  });
});

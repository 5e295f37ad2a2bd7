import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bitReader } from "./bit-reader.ts";
import { bitWriter } from "./bit-writer.ts";
import { PerError } from "./per-error.ts";
import { bytesOf, expectTruncationRefused, fromHex, hex, kind } from "./test-support.ts";
import {
  readSemiConstrainedWholeNumber,
  readUnconstrainedWholeNumber,
  signedOctetsFor,
  writeSemiConstrainedWholeNumber,
  writeUnconstrainedWholeNumber,
} from "./whole-number.ts";

const semi = (n: number, lb: number) =>
  hex(bytesOf((w) => writeSemiConstrainedWholeNumber(w, n, lb)));
const unc = (n: number) => hex(bytesOf((w) => writeUnconstrainedWholeNumber(w, n)));

describe("semi-constrained whole numbers (X.691 10.7)", () => {
  it("n - lb in the minimum octets after a length octet", () => {
    expect(semi(0, 0)).toBe("0100");
    expect(semi(5, 3)).toBe("0102");
    expect(semi(256, 0)).toBe("020100");
    expect(semi(-1, -10)).toBe("0109");
  });
  it("decodes with the lower bound added back", () => {
    expect(readSemiConstrainedWholeNumber(bitReader(fromHex("020100")), 1)).toBe(257);
  });
});

describe("unconstrained whole numbers (10.8, 2's complement per 10.4)", () => {
  it("n in the minimum 2's-complement octets after a length octet", () => {
    expect(unc(0)).toBe("0100");
    expect(unc(127)).toBe("017f");
    expect(unc(128)).toBe("020080");
    expect(unc(-1)).toBe("01ff");
    expect(unc(-128)).toBe("0180");
    expect(unc(-129)).toBe("02ff7f");
    expect([0, 127, 128, -128, -129, 2 ** 47 - 1, -(2 ** 47)].map(signedOctetsFor)).toEqual([
      1, 1, 2, 1, 2, 6, 6,
    ]);
  });
  it("decodes the sign", () => {
    expect(readUnconstrainedWholeNumber(bitReader(fromHex("02ff7f")))).toBe(-129);
    expect(readUnconstrainedWholeNumber(bitReader(fromHex("020080")))).toBe(128);
  });
});

describe("malformed", () => {
  it("a zero length, a length past 6 octets, and a fragmented length are refused", () => {
    expect(kind(readUnconstrainedWholeNumber(bitReader(fromHex("00"))))).toBe("out-of-range");
    expect(kind(readSemiConstrainedWholeNumber(bitReader(fromHex("0700000000000001")), 0))).toBe(
      "too-long",
    );
    expect(kind(readSemiConstrainedWholeNumber(bitReader(fromHex("c1")), 0))).toBe("fragmented");
  });
  it("refuses to write what it would not read", () => {
    expect(() => writeUnconstrainedWholeNumber(bitWriter(), 2 ** 47)).toThrow(RangeError);
  });
});

describe("round trips", () => {
  it("semi-constrained: decode(encode(n)) = n, every cut refused", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -(2 ** 40), max: 2 ** 40 }),
        fc.nat({ max: 2 ** 48 - 1 }),
        fc.integer({ min: 0, max: 7 }),
        (lb, offset, prefix) => {
          const bytes = bytesOf((w) => {
            w.writeBits(0, prefix);
            writeSemiConstrainedWholeNumber(w, lb + offset, lb);
          });
          const read = (r: ReturnType<typeof bitReader>) => {
            const skipped = r.readBits(prefix);
            if (skipped instanceof PerError) return skipped;
            return readSemiConstrainedWholeNumber(r, lb);
          };
          expect(read(bitReader(bytes))).toBe(lb + offset);
          expectTruncationRefused(bytes, read);
        },
      ),
      { numRuns: 500 },
    );
  });
  it("unconstrained: decode(encode(n)) = n, every cut refused", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer(), fc.integer({ min: -(2 ** 47), max: 2 ** 47 - 1 })),
        (n) => {
          const bytes = bytesOf((w) => writeUnconstrainedWholeNumber(w, n));
          expect(readUnconstrainedWholeNumber(bitReader(bytes))).toBe(n);
          expectTruncationRefused(bytes, readUnconstrainedWholeNumber);
        },
      ),
      { numRuns: 500 },
    );
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bitReader } from "./bit-reader.ts";
import { bitWriter } from "./bit-writer.ts";
import {
  readLength,
  readUnconstrainedLength,
  type SizeRange,
  writeLength,
  writeUnconstrainedLength,
} from "./length.ts";
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

const enc = (n: number, size: SizeRange) => bitsOf((w) => writeLength(w, n, size));

describe("constrained lengths (X.691 10.9.3.3)", () => {
  it("a fixed size sends nothing", () => {
    expect(enc(4, { lb: 4, ub: 4 })).toBe("");
  });
  it("a small range is n - lb in the minimum bits, not aligned", () => {
    // SIZE (1..128): range 128, 7 bits
    expect(enc(1, { lb: 1, ub: 128 })).toBe("0000000");
    expect(enc(128, { lb: 1, ub: 128 })).toBe("1111111");
    expect(
      bitsOf((w) => {
        w.writeBit(true);
        writeLength(w, 3, { lb: 0, ub: 3 });
      }),
    ).toBe("111");
  });
  it("range 256 is an aligned octet, 257..64K two (10.5.7.2, 10.5.7.3)", () => {
    expect(enc(255, { lb: 0, ub: 255 })).toBe("11111111");
    expect(hex(bytesOf((w) => writeLength(w, 300, { lb: 1, ub: 65535 })))).toBe("012b");
  });
});

describe("unconstrained lengths (10.9.3.6, 10.9.3.7)", () => {
  it("below 128: one aligned octet 0xxxxxxx", () => {
    expect(
      bitsOf((w) => {
        w.writeBit(true);
        writeUnconstrainedLength(w, 5);
      }),
    ).toBe("1000000000000101");
    expect(hex(bytesOf((w) => writeUnconstrainedLength(w, 127)))).toBe("7f");
  });
  it("128..16383: two octets 10xxxxxx xxxxxxxx", () => {
    expect(hex(bytesOf((w) => writeUnconstrainedLength(w, 128)))).toBe("8080");
    expect(hex(bytesOf((w) => writeUnconstrainedLength(w, 16383)))).toBe("bfff");
    expect(readUnconstrainedLength(bitReader(fromHex("8080")))).toBe(128);
  });
  it("an upper bound of 64K or more, or none, uses the unconstrained form", () => {
    expect(hex(bytesOf((w) => writeLength(w, 3, { lb: 0, ub: 65536 })))).toBe("03");
    expect(hex(bytesOf((w) => writeLength(w, 3, { lb: 1 })))).toBe("03");
  });
  it("the fragmented form 11xxxxxx (10.9.3.8) is refused on reading, never written", () => {
    for (const first of [0xc0, 0xc1, 0xc4, 0xc5, 0xff]) {
      expect(kind(readUnconstrainedLength(bitReader(Uint8Array.of(first, 0, 0))))).toBe(
        "fragmented",
      );
    }
    expect(() => writeUnconstrainedLength(bitWriter(), 16384)).toThrow(RangeError);
  });
  it("a length outside the size constraint is refused", () => {
    expect(kind(readLength(bitReader(fromHex("00")), { lb: 1 }))).toBe("out-of-range");
    expect(kind(readLength(bitReader(fromHex("8100")), { lb: 0, ub: 70000 }))).toBe("ok");
    expect(kind(readLength(bitReader(fromHex("bfff")), { lb: 0, ub: 70000 }))).toBe("ok");
    // SIZE (0..10): 4 bits, and 1011 = 11 is past ub
    expect(kind(readLength(bitReader(fromBits("1011")), { lb: 0, ub: 10 }))).toBe("out-of-range");
  });
});

const sizeAndLength = fc
  .oneof(
    fc.record({ lb: fc.integer({ min: 0, max: 100 }), width: fc.integer({ min: 0, max: 300 }) }),
    fc.record({ lb: fc.integer({ min: 0, max: 100 }), width: fc.integer({ min: 0, max: 65535 }) }),
    fc.record({ lb: fc.integer({ min: 0, max: 100 }), width: fc.constant(undefined) }),
  )
  .chain(({ lb, width }) => {
    const size: SizeRange = width === undefined ? { lb } : { lb, ub: lb + width };
    const top = Math.min(size.ub ?? 16383, 16383);
    return fc.tuple(fc.constant(size), fc.integer({ min: lb, max: Math.max(lb, top) }));
  })
  .filter(([size, n]) => n <= (size.ub ?? 16383));

describe("round trips", () => {
  it("readLength(writeLength(n)) = n after any prefix, and every cut is refused", () => {
    fc.assert(
      fc.property(sizeAndLength, fc.integer({ min: 0, max: 7 }), ([size, n], prefix) => {
        const bytes = bytesOf((w) => {
          w.writeBits(0, prefix);
          writeLength(w, n, size);
        });
        const read = (r: ReturnType<typeof bitReader>) => {
          const skipped = r.readBits(prefix);
          if (skipped instanceof PerError) return skipped;
          return readLength(r, size);
        };
        expect(read(bitReader(bytes))).toBe(n);
        if (size.ub !== size.lb) expectTruncationRefused(bytes, read);
      }),
      { numRuns: 500 },
    );
  });
});

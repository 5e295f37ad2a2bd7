import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type BitReader, bitReader } from "./bit-reader.ts";
import {
  type ChoiceShape,
  readChoiceIndex,
  readExtensionAdditionsPresence,
  readSequenceOfCount,
  readSequencePreamble,
  type SequenceShape,
  writeChoiceIndex,
  writeExtensionAdditionsPresence,
  writeSequenceOfCount,
  writeSequencePreamble,
} from "./choice-sequence.ts";
import {
  readConstrainedWholeNumber,
  writeConstrainedWholeNumber,
} from "./constrained-whole-number.ts";
import { readOpenType, readOpenTypeOctets, writeOpenType } from "./extension.ts";
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

describe("CHOICE index (X.691 22)", () => {
  it("a root index is a constrained whole number over the roots (22.6)", () => {
    expect(
      bitsOf((w) =>
        writeChoiceIndex(w, { extension: false, index: 2 }, { rootCount: 3, extensible: false }),
      ),
    ).toBe("10");
    // a single root alternative takes no bits
    expect(
      bitsOf((w) =>
        writeChoiceIndex(w, { extension: false, index: 0 }, { rootCount: 1, extensible: false }),
      ),
    ).toBe("");
  });
  it("an extensible CHOICE puts the extension bit first (22.5)", () => {
    const shape = { rootCount: 4, extensible: true };
    expect(bitsOf((w) => writeChoiceIndex(w, { extension: false, index: 1 }, shape))).toBe("001");
  });
  it("an extension addition's index is a normally small number (22.8)", () => {
    const shape = { rootCount: 4, extensible: true };
    expect(bitsOf((w) => writeChoiceIndex(w, { extension: true, index: 0 }, shape))).toBe(
      "10000000",
    );
    expect(readChoiceIndex(bitReader(fromBits("1 0 000011")), shape)).toEqual({
      extension: true,
      index: 3,
    });
  });
  it("refuses a root index past the roots", () => {
    // 3 roots in 2 bits: 11 is no alternative
    expect(
      kind(readChoiceIndex(bitReader(fromBits("11")), { rootCount: 3, extensible: false })),
    ).toBe("out-of-range");
  });
});

describe("SEQUENCE preamble (18.1, 18.2) and extension additions (18.8, 18.9)", () => {
  it("the extension bit, then one presence bit per OPTIONAL/DEFAULT root component", () => {
    const shape = { optionalCount: 2, extensible: true };
    expect(
      bitsOf((w) => writeSequencePreamble(w, { extended: false, present: [true, false] }, shape)),
    ).toBe("010");
    expect(
      bitsOf((w) =>
        writeSequencePreamble(
          w,
          { extended: true, present: [] },
          { optionalCount: 0, extensible: true },
        ),
      ),
    ).toBe("1");
    expect(
      bitsOf((w) =>
        writeSequencePreamble(
          w,
          { extended: false, present: [] },
          { optionalCount: 0, extensible: false },
        ),
      ),
    ).toBe("");
  });
  it("the bit map: a normally small length n - 1, then n bits", () => {
    expect(bitsOf((w) => writeExtensionAdditionsPresence(w, [true, false, true]))).toBe(
      "0000010101",
    );
    expect(readExtensionAdditionsPresence(bitReader(fromBits("0000001 01")))).toEqual([
      false,
      true,
    ]);
  });
  it("a whole extended SEQUENCE: root, bit map, open-type additions, unknown ones skipped", () => {
    // SEQUENCE { a INTEGER (0..7), b INTEGER (0..7) OPTIONAL, ..., c INTEGER (0..255), d ... }
    const bytes = bytesOf((w) => {
      writeSequencePreamble(
        w,
        { extended: true, present: [false] },
        { optionalCount: 1, extensible: true },
      );
      writeConstrainedWholeNumber(w, 5, 0, 7);
      writeExtensionAdditionsPresence(w, [true, true]);
      writeOpenType(w, (inner) => writeConstrainedWholeNumber(inner, 200, 0, 255));
      writeOpenType(w, (inner) => inner.writeBits(0xabc, 12));
    });
    // 1 0 101, then 0000001 11 → "10101000 0001 11 00" = a8 1c; then 01 c8; 02 ab c0
    expect(hex(bytes)).toBe("a81c01c802abc0");
    const r = bitReader(bytes);
    expect(readSequencePreamble(r, { optionalCount: 1, extensible: true })).toEqual({
      extended: true,
      present: [false],
    });
    expect(readConstrainedWholeNumber(r, 0, 7)).toBe(5);
    expect(readExtensionAdditionsPresence(r)).toEqual([true, true]);
    expect(readOpenType(r, (inner) => readConstrainedWholeNumber(inner, 0, 255))).toBe(200);
    expect(hex(readOpenTypeOctets(r) as Uint8Array)).toBe("abc0");
    expect(r.bitsLeft()).toBe(0);
  });
  it("a bit map longer than the buffer is refused at once", () => {
    // 1 then length 16383 (bf ff): 16383 bits do not follow
    const r = bitReader(fromHex("80bfff00"));
    expect(kind(readExtensionAdditionsPresence(r))).toBe("overrun");
    expect(r.furthestLook()).toBeLessThanOrEqual(32);
  });
});

describe("SEQUENCE OF count (19.6)", () => {
  it("a constrained count, an extensible one, an unconstrained one", () => {
    expect(bitsOf((w) => writeSequenceOfCount(w, 3, { lb: 1, ub: 16 }))).toBe("0010");
    expect(bitsOf((w) => writeSequenceOfCount(w, 3, { lb: 1, ub: 16 }, true))).toBe("00010");
    expect(hex(bytesOf((w) => writeSequenceOfCount(w, 20, { lb: 1, ub: 16 }, true)))).toBe("8014");
    expect(hex(bytesOf((w) => writeSequenceOfCount(w, 300, { lb: 0 })))).toBe("812c");
    expect(readSequenceOfCount(bitReader(fromHex("8014")), { lb: 1, ub: 16 }, true)).toBe(20);
  });
});

describe("round trips and cuts", () => {
  const choice = fc
    .record({ rootCount: fc.integer({ min: 1, max: 300 }), extensible: fc.boolean() })
    .chain((shape) =>
      fc.tuple(
        fc.constant(shape as ChoiceShape),
        shape.extensible
          ? fc.oneof(
              fc.record({
                extension: fc.constant(false),
                index: fc.nat({ max: shape.rootCount - 1 }),
              }),
              fc.record({ extension: fc.constant(true), index: fc.nat({ max: 1000 }) }),
            )
          : fc.record({
              extension: fc.constant(false),
              index: fc.nat({ max: shape.rootCount - 1 }),
            }),
      ),
    );
  it("CHOICE indices", () => {
    fc.assert(
      fc.property(choice, ([shape, index]) => {
        const bytes = bytesOf((w) => writeChoiceIndex(w, index, shape));
        const read = (r: BitReader) => readChoiceIndex(r, shape);
        expect(read(bitReader(bytes))).toEqual(index);
        expectTruncationRefused(bytes, read);
      }),
      { numRuns: 500 },
    );
  });
  it("SEQUENCE preambles followed by an addition bit map", () => {
    fc.assert(
      fc.property(
        fc.array(fc.boolean(), { maxLength: 20 }),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 100 }),
        (present, additions) => {
          const shape: SequenceShape = { optionalCount: present.length, extensible: true };
          const bytes = bytesOf((w) => {
            writeSequencePreamble(w, { extended: true, present }, shape);
            writeExtensionAdditionsPresence(w, additions);
          });
          const read = (r: BitReader) => {
            const p = readSequencePreamble(r, shape);
            if (p instanceof PerError) return p;
            const a = readExtensionAdditionsPresence(r);
            return a instanceof PerError ? a : [p, a];
          };
          expect(read(bitReader(bytes))).toEqual([{ extended: true, present }, additions]);
          expectTruncationRefused(bytes, read);
        },
      ),
      { numRuns: 500 },
    );
  });
});

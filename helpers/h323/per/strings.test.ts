import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type BitReader, bitReader } from "./bit-reader.ts";
import {
  alphabetOf,
  alphabetRange,
  BMP_ALPHABET,
  bitsPerCharacter,
  type CharacterStringType,
  DIALED_DIGITS_ALPHABET,
  IA5_ALPHABET,
  NUMERIC_ALPHABET,
  readCharacterString,
  readOctetString,
  type StringSize,
  sendsValues,
  writeCharacterString,
  writeOctetString,
} from "./strings.ts";
import {
  bitsOf,
  bytesOf,
  expectTruncationRefused,
  fromBits,
  fromHex,
  hex,
  kind,
} from "./test-support.ts";

const afterOneBit = (write: (w: Parameters<Parameters<typeof bitsOf>[0]>[0]) => void) =>
  bitsOf((w) => {
    w.writeBit(true);
    write(w);
  });

describe("OCTET STRING (X.691 clause 16)", () => {
  it("SIZE (0) takes no bits (16.5)", () => {
    expect(bitsOf((w) => writeOctetString(w, new Uint8Array(), { lb: 0, ub: 0 }))).toBe("");
  });
  it("a fixed size of at most two octets is not aligned (16.6)", () => {
    expect(afterOneBit((w) => writeOctetString(w, fromHex("abcd"), { lb: 2, ub: 2 }))).toBe(
      "1" + "10101011" + "11001101",
    );
  });
  it("a larger fixed size is aligned, without a length (16.7)", () => {
    // H.225.0 TransportAddress ipAddress.ip: OCTET STRING (SIZE (4))
    const bytes = bytesOf((w) => {
      w.writeBit(true);
      writeOctetString(w, fromHex("c0a80001"), { lb: 4, ub: 4 });
    });
    expect(hex(bytes)).toBe("80c0a80001");
  });
  it("otherwise a length, then aligned octets (16.8)", () => {
    // SIZE (1..16): the length 1..16 in 4 bits, then the octets from the next boundary
    expect(hex(bytesOf((w) => writeOctetString(w, fromHex("abcd"), { lb: 1, ub: 16 })))).toBe(
      "10abcd",
    );
    expect(hex(bytesOf((w) => writeOctetString(w, fromHex("aabbcc"), { lb: 0, ub: 255 })))).toBe(
      "03aabbcc",
    );
    expect(hex(bytesOf((w) => writeOctetString(w, fromHex("abcd"), { lb: 0 })))).toBe("02abcd");
  });
  it("an extensible size: bit 0 and the root form, or bit 1 and an unconstrained length", () => {
    const size = { lb: 4, ub: 4, extensible: true };
    expect(hex(bytesOf((w) => writeOctetString(w, fromHex("01020304"), size)))).toBe("0001020304");
    expect(hex(bytesOf((w) => writeOctetString(w, fromHex("0102030405"), size)))).toBe(
      "80050102030405",
    );
    expect(hex(readOctetString(bitReader(fromHex("80050102030405")), size) as Uint8Array)).toBe(
      "0102030405",
    );
  });
  it("an empty string adds no padding, so the next field follows at once", () => {
    expect(
      bitsOf((w) => {
        writeOctetString(w, new Uint8Array(), { lb: 0, ub: 16 });
        w.writeBit(true);
      }),
    ).toBe("000001");
  });
  it("refuses a length past the buffer or past the constraint", () => {
    expect(kind(readOctetString(bitReader(fromHex("03aabb")), { lb: 0, ub: 255 }))).toBe("overrun");
    expect(kind(readOctetString(bitReader(fromHex("c1")), { lb: 0 }))).toBe("fragmented");
    // SIZE (1..10): 4 bits, 1111 would be 16 octets
    expect(kind(readOctetString(bitReader(fromBits("1111")), { lb: 1, ub: 10 }))).toBe(
      "out-of-range",
    );
  });
});

describe("bits per character and value-or-index (26.5.2, 26.5.4)", () => {
  it("IA5String: 128 characters need 7 bits, ALIGNED rounds to 8, values fit", () => {
    expect([bitsPerCharacter(IA5_ALPHABET), sendsValues(IA5_ALPHABET)]).toEqual([8, true]);
  });
  it("BMPString: 16 bits, values", () => {
    expect([bitsPerCharacter(BMP_ALPHABET), sendsValues(BMP_ALPHABET)]).toEqual([16, true]);
  });
  it("NumericString and dialedDigits: 11 or 13 characters in 4 bits, '9' = 57 does not fit: indices", () => {
    expect([bitsPerCharacter(NUMERIC_ALPHABET), sendsValues(NUMERIC_ALPHABET)]).toEqual([4, false]);
    expect([bitsPerCharacter(DIALED_DIGITS_ALPHABET), sendsValues(DIALED_DIGITS_ALPHABET)]).toEqual(
      [4, false],
    );
    // canonical order: # * , 0..9
    expect(DIALED_DIGITS_ALPHABET.indexOf("#".charCodeAt(0))).toBe(0);
    expect(DIALED_DIGITS_ALPHABET.indexOf("0".charCodeAt(0))).toBe(3);
  });
  it("values exactly when the largest value is below 2^B", () => {
    // 16 characters: B = 4; largest 15 fits, largest 16 does not
    expect(sendsValues(alphabetRange(0, 15))).toBe(true);
    expect(sendsValues(alphabetRange(1, 16))).toBe(false);
    expect(
      hex(
        bytesOf((w) =>
          writeCharacterString(w, "\u0010", str(alphabetRange(1, 16), { lb: 1, ub: 1 })),
        ),
      ),
    ).toBe("f0");
  });
  it("5 bits round up to 8 (values fit) and 2 characters take 1 bit (indices)", () => {
    const az = alphabetRange(65, 90);
    expect([bitsPerCharacter(az), sendsValues(az)]).toEqual([8, true]);
    const ab = alphabetOf("BA");
    expect([bitsPerCharacter(ab), sendsValues(ab)]).toEqual([1, false]);
    expect(bitsPerCharacter(alphabetOf("x"))).toBe(0);
  });
});

const str = (alphabet: CharacterStringType["alphabet"], size: StringSize) => ({ alphabet, size });

describe("character strings (26.5.6 to 26.5.8)", () => {
  it("dialedDigits SIZE (1..128): length in 7 bits, then aligned 4-bit indices", () => {
    const type = str(DIALED_DIGITS_ALPHABET, { lb: 1, ub: 128 });
    // 4 - 1 = 3 in 7 bits, a padding bit, then '1'..'4' = 4, 5, 6, 7
    expect(hex(bytesOf((w) => writeCharacterString(w, "1234", type)))).toBe("064567");
    expect(readCharacterString(bitReader(fromHex("064567")), type)).toBe("1234");
    expect(hex(bytesOf((w) => writeCharacterString(w, "#*,9", type)))).toBe("06012c");
  });
  it("h323-ID BMPString (SIZE (1..256)): the length as one aligned octet, 16-bit values", () => {
    const type = str(BMP_ALPHABET, { lb: 1, ub: 256 });
    expect(hex(bytesOf((w) => writeCharacterString(w, "ab", type)))).toBe("0100610062");
    expect(readCharacterString(bitReader(fromHex("00263a")), type)).toBe("\u263a");
  });
  it("IA5String without a size: an aligned length, then 8-bit values", () => {
    expect(hex(bytesOf((w) => writeCharacterString(w, "hi", str(IA5_ALPHABET, { lb: 0 }))))).toBe(
      "026869",
    );
  });
  it("a fixed size of at most 16 bits is not aligned; larger is aligned (26.5.6, 26.5.7)", () => {
    expect(
      afterOneBit((w) => writeCharacterString(w, "hi", str(IA5_ALPHABET, { lb: 2, ub: 2 }))),
    ).toBe("1" + "01101000" + "01101001");
    expect(
      afterOneBit((w) => writeCharacterString(w, "123", str(NUMERIC_ALPHABET, { lb: 3, ub: 3 }))),
    ).toBe("1" + "0010" + "0011" + "0100");
    expect(
      hex(
        bytesOf((w) => {
          w.writeBit(true);
          writeCharacterString(w, "abc", str(IA5_ALPHABET, { lb: 3, ub: 3 }));
        }),
      ),
    ).toBe("80616263");
  });
  it('16 characters in 4-bit indices, unconstrained size (FROM A..P, "ABCD" = 04 0123)', () => {
    expect(
      hex(bytesOf((w) => writeCharacterString(w, "ABCD", str(alphabetRange(65, 80), { lb: 0 })))),
    ).toBe("040123");
  });
  it("an extensible size: outside the root, bit 1, an unconstrained length, aligned characters", () => {
    const type = str(IA5_ALPHABET, { lb: 1, ub: 4, extensible: true });
    expect(hex(bytesOf((w) => writeCharacterString(w, "hello", type)))).toBe("800568656c6c6f");
    expect(readCharacterString(bitReader(fromHex("800568656c6c6f")), type)).toBe("hello");
    // inside the root: bit 0, the length 1..4 in 2 bits, then (4 × 8 > 16) aligned
    expect(hex(bytesOf((w) => writeCharacterString(w, "hi", type)))).toBe("206869");
  });
  it("refuses a character outside the alphabet and a string past the buffer", () => {
    expect(
      kind(readCharacterString(bitReader(fromHex("0180")), str(IA5_ALPHABET, { lb: 0 }))),
    ).toBe("bad-character");
    // dialedDigits index 13 (1101) is past the 13 characters
    expect(
      kind(
        readCharacterString(
          bitReader(fromHex("00d0")),
          str(DIALED_DIGITS_ALPHABET, { lb: 1, ub: 128 }),
        ),
      ),
    ).toBe("bad-character");
    const r = bitReader(fromHex("7e4567"));
    expect(kind(readCharacterString(r, str(DIALED_DIGITS_ALPHABET, { lb: 1, ub: 128 })))).toBe(
      "overrun",
    );
    expect(r.furthestLook()).toBeLessThanOrEqual(24);
  });
});

describe("round trips and cuts", () => {
  const size: fc.Arbitrary<StringSize> = fc.oneof(
    fc
      .record({
        lb: fc.integer({ min: 0, max: 5 }),
        width: fc.integer({ min: 0, max: 40 }),
        extensible: fc.boolean(),
      })
      .map(({ lb, width, extensible }) => ({ lb, ub: lb + width, extensible })),
    fc.record({ lb: fc.integer({ min: 0, max: 5 }) }),
  );
  const sized = <T>(s: StringSize, item: fc.Arbitrary<T>) =>
    fc.array(item, { minLength: s.lb, maxLength: s.extensible ? (s.ub ?? 40) + 5 : (s.ub ?? 40) });

  it("OCTET STRING", () => {
    fc.assert(
      fc.property(
        size.chain((s) => fc.tuple(fc.constant(s), sized(s, fc.nat({ max: 255 })))),
        fc.integer({ min: 0, max: 7 }),
        ([s, octets], prefix) => {
          const bytes = bytesOf((w) => {
            w.writeBits(0, prefix);
            writeOctetString(w, Uint8Array.from(octets), s);
          });
          const read = (r: BitReader) => {
            const skipped = r.readBits(prefix);
            return typeof skipped === "number" ? readOctetString(r, s) : skipped;
          };
          expect(Array.from(read(bitReader(bytes)) as Uint8Array)).toEqual(octets);
          if (bytes.length > 0 && !(s.lb === 0 && s.ub === 0 && !s.extensible)) {
            expectTruncationRefused(bytes, read);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it("character strings over any alphabet", () => {
    const alphabet = fc.oneof(
      fc.constant(IA5_ALPHABET),
      fc.constant(BMP_ALPHABET),
      fc.constant(DIALED_DIGITS_ALPHABET),
      fc.constant(NUMERIC_ALPHABET),
      fc.string({ minLength: 1, maxLength: 40 }).map(alphabetOf),
    );
    fc.assert(
      fc.property(
        fc.tuple(alphabet, size).chain(([a, s]) =>
          fc.tuple(
            fc.constant(str(a, s)),
            sized(
              s,
              fc.nat({ max: a.size - 1 }).map((i) => String.fromCharCode(a.valueAt(i))),
            ),
          ),
        ),
        fc.integer({ min: 0, max: 7 }),
        ([type, chars], prefix) => {
          const text = chars.join("");
          const bytes = bytesOf((w) => {
            w.writeBits(0, prefix);
            writeCharacterString(w, text, type);
          });
          const read = (r: BitReader) => {
            const skipped = r.readBits(prefix);
            return typeof skipped === "number" ? readCharacterString(r, type) : skipped;
          };
          expect(read(bitReader(bytes))).toBe(text);
          const w0 = bitReader(bytes);
          read(w0);
          if (w0.position() > prefix) expectTruncationRefused(bytes, read);
        },
      ),
      { numRuns: 500 },
    );
  });
});

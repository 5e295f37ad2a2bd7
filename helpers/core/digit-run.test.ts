import { describe, expect, it } from "vitest";
import { appendDigitU32 } from "./decimal.ts";
import { digitRunAbove, digitRunEnd, digitRunU32, firstDigitAt } from "./digit-run.ts";

const b = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const isDigit = (x: number) => x >= 0x30 && x <= 0x39;

/** Every byte value next to digits, at every alignment, in views at every byteOffset. */
function* cases(): Generator<[Uint8Array, number, number]> {
  const others = [
    0x00, 0x2f, 0x3a, 0x2c, 0x0d, 0x7a, 0x7f, 0x80, 0xaf, 0xb0, 0xb9, 0xba, 0xff, 0x20,
  ];
  for (let offset = 0; offset < 4; offset++) {
    for (const length of [0, 1, 5, 31, 32, 33, 40, 77, 200]) {
      for (const other of others) {
        for (const at of [0, 1, 3, 4, 17, length - 1, length + 2]) {
          const whole = new Uint8Array(offset + length + 8).fill(0x37);
          const data = whole.subarray(offset, offset + length + 4);
          if (at >= 0 && at < data.length) data[at] = other;
          for (const from of [0, 1, 2, 3]) yield [data, from, length + 1];
        }
      }
    }
  }
}

describe("digitRunEnd", () => {
  it("agrees with a byte loop at every alignment and next to every kind of byte", () => {
    let n = 0;
    for (const [data, from, to] of cases()) {
      let p = from;
      while (p < Math.min(to, data.length) && isDigit(data[p])) p++;
      expect(digitRunEnd(data, from, to)).toBe(p);
      n++;
    }
    expect(n).toBeGreaterThan(1000);
  });
  it("stops at the limit and at the end of the data", () => {
    expect(digitRunEnd(b("12345"), 0, 3)).toBe(3);
    expect(digitRunEnd(b("12345"), 0, 9)).toBe(5);
    expect(digitRunEnd(b("12a45"), 1, 5)).toBe(2);
  });
});

describe("firstDigitAt", () => {
  it("agrees with a byte loop at every alignment", () => {
    for (const [digits, from, to] of cases()) {
      const data = digits.map((x) => (isDigit(x) ? 0x7a : 0x35));
      let p = from;
      while (p < to && !isDigit(data[p] as number)) p++;
      expect(firstDigitAt(data, from, to)).toBe(p);
    }
  });
  it("is the limit when no digit comes first", () => {
    expect(firstDigitAt(b("abc"), 0, 3)).toBe(3);
    expect(firstDigitAt(b("abc"), 0, 7)).toBe(7);
    expect(firstDigitAt(b(`${"z".repeat(100)}(2`), 0, 102)).toBe(101);
  });
});

describe("digitRunU32", () => {
  it("is the wrapping digit-by-digit u32, for runs of any length", () => {
    for (const text of ["0", "7", "4294967295", "4294967296", "99999999999", "9".repeat(4000)]) {
      let value = 0;
      for (const c of text) value = appendDigitU32(value, c.charCodeAt(0) - 0x30);
      expect(digitRunU32(b(text), 0, text.length), text.slice(0, 12)).toBe(value);
    }
    const mixed = b(Array.from({ length: 300 }, (_, i) => String((i * 7) % 10)).join(""));
    let value = 0;
    for (const x of mixed) value = appendDigitU32(value, x - 0x30);
    expect(digitRunU32(mixed, 0, mixed.length)).toBe(value);
  });
});

describe("digitRunAbove", () => {
  it("reads the exact number, leading zeros allowed", () => {
    expect(digitRunAbove(b("255"), 0, 3, 255)).toBe(false);
    expect(digitRunAbove(b("256"), 0, 3, 255)).toBe(true);
    expect(digitRunAbove(b(`${"0".repeat(50)}255`), 0, 53, 255)).toBe(false);
    expect(digitRunAbove(b(`${"0".repeat(50)}1000`), 0, 54, 255)).toBe(true);
    expect(digitRunAbove(b("4294967296"), 0, 10, 255)).toBe(true);
    expect(digitRunAbove(b(""), 0, 0, 255)).toBe(false);
  });
});

describe("digitRunEnd on every byte value", () => {
  it("stops at each of the 246 non-digits, wherever it stands in a word", () => {
    for (let byte = 0; byte < 256; byte++) {
      for (let at = 32; at < 36; at++) {
        const data = new Uint8Array(64).fill(0x30 + (at % 10));
        data[at] = byte;
        expect(digitRunEnd(data, 0, 64)).toBe(isDigit(byte) ? 64 : at);
        const text = new Uint8Array(64).fill(isDigit(byte) ? 0x7a : 0x35);
        text[at] = byte;
        if (isDigit(byte)) expect(firstDigitAt(text, 0, 64)).toBe(at);
      }
    }
  });
});

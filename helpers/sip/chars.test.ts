import { describe, expect, it } from "vitest";
import { ascii, caselessAt, exactAt, isAlpha, isDigit, pattern } from "./chars.ts";

describe("kernel ctype", () => {
  it("counts Latin-1 letters as alphabetic, but not × and ÷", () => {
    expect(isAlpha(0x41) && isAlpha(0x7a) && isAlpha(0xe9) && isAlpha(0xc0)).toBe(true);
    expect(isAlpha(0xd7) || isAlpha(0xf7) || isAlpha(0x40) || isAlpha(0x5b)).toBe(false);
    expect(isAlpha(0x2d) || isAlpha(0x31) || isAlpha(0xa0)).toBe(false);
  });
  it("counts only ASCII digits as digits", () => {
    expect(isDigit(0x30) && isDigit(0x39)).toBe(true);
    expect(isDigit(0x2f) || isDigit(0x3a) || isDigit(0xb2)).toBe(false);
  });
});

describe("compares", () => {
  it("folds ASCII case only and never reads past the end", () => {
    const data = ascii("xCoNtAcT:");
    expect(caselessAt(data, 1, data.length, pattern("Contact"))).toBe(true);
    expect(caselessAt(data, 1, 7, pattern("Contact"))).toBe(false);
    expect(caselessAt(ascii("\x00"), 0, 1, pattern(" "))).toBe(false);
  });
  it("compares SDP needles case-sensitively", () => {
    const data = ascii("c=IN IP4 1.2.3.4");
    expect(exactAt(data, 2, data.length, ascii("IN IP4 "))).toBe(true);
    expect(exactAt(ascii("c=in ip4 "), 2, 9, ascii("IN IP4 "))).toBe(false);
  });
});

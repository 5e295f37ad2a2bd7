import { describe, expect, it } from "vitest";
import { readPortDigits } from "./port-digits.ts";

const ascii = (text: string) => new TextEncoder().encode(text);
const read = (text: string, offset = 0, regionEnd = text.length) =>
  readPortDigits(ascii(text), offset, regionEnd);

describe("readPortDigits (§5.2)", () => {
  it("reads decimal digits", () => {
    expect(read("50000")).toEqual({ kind: "read", port: 50000, digits: 5 });
    expect(read("5 MESG 6")).toEqual({ kind: "read", port: 5, digits: 1 });
  });
  it("at most 5 digits: 123456 ⇒ 12345", () => {
    expect(read("123456")).toEqual({ kind: "read", port: 12345, digits: 5 });
  });
  it("wraps at 16 bits: 99999 ⇒ 34463, 65536 ⇒ 0", () => {
    expect(read("99999")).toEqual({ kind: "read", port: 34463, digits: 5 });
    expect(read("65536")).toEqual({ kind: "read", port: 0, digits: 5 });
  });
  it("leading zeros count as digits", () => {
    expect(read("0123")).toEqual({ kind: "read", port: 123, digits: 4 });
    expect(read("00000")).toEqual({ kind: "read", port: 0, digits: 5 });
  });
  it("no digits ⇒ 0: space, sign, hex prefix", () => {
    for (const text of [" 5000", "+5", "-5", "x5", "", "\n5"]) {
      expect(read(text)).toEqual({ kind: "read", port: 0, digits: 0 });
    }
    expect(read("0x10")).toEqual({ kind: "read", port: 0, digits: 1 });
  });
  it("stops at the region end", () => {
    expect(read("12345", 0, 2)).toEqual({ kind: "read", port: 12, digits: 2 });
    expect(read("12345", 0, 0)).toEqual({ kind: "read", port: 0, digits: 0 });
  });
  it("a copy past the datagram's end is unreadable", () => {
    expect(read("12", 0, 4)).toEqual({ kind: "unreadable" });
    expect(read("12", 1, 2)).toEqual({ kind: "read", port: 2, digits: 1 });
  });
});

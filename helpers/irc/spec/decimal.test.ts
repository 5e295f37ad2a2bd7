import { describe, expect, it } from "vitest";
import { readDecimal } from "./decimal.ts";

const bytes = (text: string) => new TextEncoder().encode(text);
const U32 = 2 ** 32;
const U16 = 2 ** 16;

describe("readDecimal (§1.6 simple_strtoul base 10, truncated)", () => {
  it("reads digits up to the first non-digit", () => {
    expect(readDecimal(bytes("x3232235778 5000"), 1, U32)).toEqual({ value: 3232235778, end: 11 });
  });
  it("no digits ⇒ 0, end at start", () => {
    expect(readDecimal(bytes(" 12"), 0, U32)).toEqual({ value: 0, end: 0 });
    expect(readDecimal(bytes("+12"), 0, U32)).toEqual({ value: 0, end: 0 });
    expect(readDecimal(bytes("0x12"), 0, U32)).toEqual({ value: 0, end: 1 });
  });
  it("leading zeros stay decimal (never octal)", () => {
    expect(readDecimal(bytes("0010"), 0, U32).value).toBe(10);
  });
  it("wraps mod 2^32 for the address", () => {
    expect(readDecimal(bytes("4294967296"), 0, U32).value).toBe(0);
    expect(readDecimal(bytes("4294967297"), 0, U32).value).toBe(1);
    expect(readDecimal(bytes("7527202690"), 0, U32).value).toBe(3232235394); // + 2^32
  });
  it("wraps mod 2^16 for the port", () => {
    expect(readDecimal(bytes("65536"), 0, U16).value).toBe(0);
    expect(readDecimal(bytes("70000"), 0, U16).value).toBe(4464);
  });
  it("wraps past 2^64 consistently (the low bits survive)", () => {
    // 2^64 + 5 = 18446744073709551621: low 32 bits = 5.
    expect(readDecimal(bytes("18446744073709551621"), 0, U32).value).toBe(5);
  });
  it("stops at the end of the data", () => {
    expect(readDecimal(bytes("123"), 0, U16)).toEqual({ value: 123, end: 3 });
  });
});

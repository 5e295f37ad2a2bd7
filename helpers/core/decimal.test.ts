import { describe, expect, it } from "vitest";
import {
  appendDigitU16,
  appendDigitU32,
  type DecimalRun,
  decimalDigit,
  readDecimalU32,
  readStrtoulU32,
} from "./decimal.ts";

const bytes = (s: string) => new TextEncoder().encode(s);

describe("decimal", () => {
  it("maps digits only", () => {
    expect(decimalDigit(0x30)).toBe(0);
    expect(decimalDigit(0x39)).toBe(9);
    expect(decimalDigit(0x2f)).toBe(-1);
    expect(decimalDigit(0x3a)).toBe(-1);
    expect(decimalDigit(0x61)).toBe(-1);
  });
  it("wraps u32 and u16 accumulators", () => {
    let v = 0;
    for (const c of "4294967296") v = appendDigitU32(v, c.charCodeAt(0) - 48);
    expect(v).toBe(0);
    let p = 0;
    for (const c of "65537") p = appendDigitU16(p, c.charCodeAt(0) - 48);
    expect(p).toBe(1);
  });
  it("reads a bounded run", () => {
    const out: DecimalRun = { value: -1, end: -1 };
    expect(readDecimalU32(bytes("123456x"), 0, 7, 5, out)).toBe(5);
    expect(out).toEqual({ value: 12345, end: 5 });
    expect(readDecimalU32(bytes("ab12"), 2, 4, 10, out)).toBe(2);
    expect(out).toEqual({ value: 12, end: 4 });
    expect(readDecimalU32(bytes("x1"), 0, 2, 10, out)).toBe(0);
    expect(out).toEqual({ value: 0, end: 0 });
  });
  it("wraps a long run mod 2^32", () => {
    const out: DecimalRun = { value: 0, end: 0 };
    readDecimalU32(bytes("4294967297"), 0, 10, 20, out);
    expect(out.value).toBe(1);
  });
});

describe("simple_strtoul as a u32", () => {
  it("reads every digit, wrapping mod 2^32, and stops at a non-digit", () => {
    const out: DecimalRun = { value: -1, end: -1 };
    expect(readStrtoulU32(bytes("3232235778 5000"), 0, 15, out)).toBe(10);
    expect(out).toEqual({ value: 3232235778, end: 10 });
    readStrtoulU32(bytes("7527203074x"), 0, 11, out);
    expect(out).toEqual({ value: 3232235778, end: 10 });
    readStrtoulU32(bytes("000000000000000000000042"), 0, 24, out);
    expect(out.value).toBe(42);
  });
  it("reads no digits as 0 ending where it started", () => {
    const out: DecimalRun = { value: -1, end: -1 };
    expect(readStrtoulU32(bytes("ab"), 1, 2, out)).toBe(0);
    expect(out).toEqual({ value: 0, end: 1 });
  });
  it("never reads past limit", () => {
    const out: DecimalRun = { value: -1, end: -1 };
    readStrtoulU32(bytes("12345"), 0, 3, out);
    expect(out).toEqual({ value: 123, end: 3 });
  });
});

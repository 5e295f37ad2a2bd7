import { describe, expect, it } from "vitest";
import { ascii } from "./chars.ts";
import { type NumberRead, sipStrtouint, strtoul } from "./numbers.ts";

const read = (text: string, base: 0 | 10) => {
  const out: NumberRead = { value: -1, end: -1 };
  strtoul(ascii(text), 0, text.length, base, out);
  return [out.value, out.end];
};
const strict = (text: string, len = text.length) => {
  const out: NumberRead = { value: -1, end: -1 };
  sipStrtouint(ascii(text), 0, len, out);
  return [out.value, out.end];
};

describe("simple_strtoul", () => {
  it("reads base 10 up to the first non-digit, wrapping mod 2^32", () => {
    expect(read("5060;x", 10)).toEqual([5060, 4]);
    expect(read("0x10", 10)).toEqual([0, 1]);
    expect(read("4294967301", 10)).toEqual([5, 10]);
    expect(read("x", 10)).toEqual([0, 0]);
  });
  it("reads base 0 as C does: hex, octal, decimal", () => {
    expect(read("0x10", 0)).toEqual([16, 4]);
    expect(read("0X1f;", 0)).toEqual([31, 4]);
    expect(read("010", 0)).toEqual([8, 3]);
    expect(read("08", 0)).toEqual([0, 1]);
    expect(read("0xg", 0)).toEqual([0, 1]);
    expect(read("60", 0)).toEqual([60, 2]);
  });
});

describe("sip_strtouint", () => {
  it("reads base 10 within its length", () => {
    expect(strict("3600\r\n")).toEqual([3600, 4]);
    expect(strict("3600", 2)).toEqual([36, 2]);
    expect(strict("0x10")).toEqual([0, 1]);
    expect(strict("4294967295")).toEqual([4294967295, 10]);
  });
  it("fails above UINT_MAX or past 11 digits: 0, end at the start", () => {
    expect(strict("4294967296")).toEqual([0, 0]);
    expect(strict("000000000001")).toEqual([0, 0]);
    expect(strict("00000000001")).toEqual([1, 11]);
    expect(strict("")).toEqual([0, 0]);
  });
});

import { describe, expect, it } from "vitest";
import { ANY_TERMINATOR, sixTupleAddress, sixTuplePort, tryNumber } from "./try-number.ts";

const bytes = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const CR = 0x0d;
const COMMA = 0x2c;

function six(text: string, term = CR, strict = false) {
  const data = bytes(text);
  const values = new Uint32Array(6);
  const length = tryNumber(data, 0, data.length, values, 6, COMMA, term, strict);
  return { length, values: Array.from(values) };
}

describe("tryNumber", () => {
  it("reads long digit runs as the kernel's wrapping u32, digit by digit", () => {
    // 10^32 ≡ 0 (mod 2^32): 40 digits read like their last 32.
    const long = `${"7".repeat(8)}${"12345678901234567890123456789012"}`;
    let wrapped = 0;
    for (const c of long) wrapped = (wrapped * 10 + (c.charCodeAt(0) - 0x30)) >>> 0;
    expect(six(`${long},0,0,2,4,1\r`)).toEqual({
      length: long.length + 10,
      values: [wrapped, 0, 0, 2, 4, 1],
    });
    expect(six(`1,2,3,4,5,${"9".repeat(4000)}\r`).values[5]).toBe(
      Array.from("9".repeat(4000)).reduce((v) => (v * 10 + 9) >>> 0, 0),
    );
    expect(six(`${"9".repeat(4000)}\n`).length).toBe(0);
    expect(six(`${"0".repeat(100)}255,0,0,2,4,1\r`, CR, true).length).toBe(113);
    expect(six(`${"0".repeat(100)}256,0,0,2,4,1\r`, CR, true).length).toBe(0);
  });
  it("reads six numbers up to the terminator", () => {
    expect(six("10,0,0,2,4,1\r\n")).toEqual({ length: 12, values: [10, 0, 0, 2, 4, 1] });
  });
  it("counts empty numbers as 0", () => {
    expect(six("1,,3,4,5,6\r").values).toEqual([1, 0, 3, 4, 5, 6]);
  });
  it("needs the terminator inside the data", () => {
    expect(six("10,0,0,2,4,1").length).toBe(0);
    expect(six("10,0,0,2,4,1\n").length).toBe(0);
    expect(six("10,0,0,2,4,1 \r").length).toBe(0);
  });
  it("fails on too few or too many numbers", () => {
    expect(six("10,0,0,2,4\r").length).toBe(0);
    expect(six("10,0,0,2,4,1,7\r").length).toBe(0);
    expect(six("10,0,0,2,4,1,\r").length).toBe(0);
  });
  it("accepts any non-digit non-comma terminator for 227", () => {
    expect(six("1,2,3,4,5,6).", ANY_TERMINATOR).length).toBe(11);
    expect(six("1,2,3,4,5,6\u0000", ANY_TERMINATOR).length).toBe(11);
  });
  it("wraps values as u32 in the stable kernel", () => {
    expect(six("4294967297,0,0,0,0,0\r").values[0]).toBe(1);
  });
  it("fails on a value over 255 in strict mode, as soon as it is read", () => {
    expect(six("10,0,0,2,256,22\r", CR, true).length).toBe(0);
    expect(six("10,0,0,2,255,22\r", CR, true).length).toBe(15);
    expect(six("0255,0,0,0,0,0\r", CR, true).length).toBe(14);
  });
});

describe("six-tuple fields", () => {
  it("truncates the port to 16 bits", () => {
    expect(sixTuplePort(Uint32Array.from([0, 0, 0, 0, 256, 22]))).toBe(22);
    expect(sixTuplePort(Uint32Array.from([0, 0, 0, 0, 4, 1]))).toBe(1025);
    expect(sixTuplePort(Uint32Array.from([0, 0, 0, 0, 0, 65537]))).toBe(1);
  });
  it("bleeds address bits like u32 shifts", () => {
    expect(sixTupleAddress(Uint32Array.from([10, 0, 0, 2, 0, 0]))).toBe(0x0a000002);
    expect(sixTupleAddress(Uint32Array.from([1, 0, 0, 258, 0, 0]))).toBe(0x01000102);
    expect(sixTupleAddress(Uint32Array.from([0x101, 0, 0, 0, 0, 0]))).toBe(0x01000000);
  });
});

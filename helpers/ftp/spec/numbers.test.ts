import { describe, expect, it } from "vitest";
import { packIPv4, packPort, readNumberList, readPortField } from "./numbers.ts";

const bytes = (text: string) => new TextEncoder().encode(text);
const STABLE = { avoidU16Overflows: false };
const FIXED = { avoidU16Overflows: true };
const COMMA = 0x2c;
const CR = 0x0d;
const PIPE = 0x7c;
const DOT = 0x2e;

describe("readNumberList (§2.5 try_number)", () => {
  it("reads six numbers up to the terminator", () => {
    expect(readNumberList(bytes("10,0,0,2,4,1\r\n"), 0, 6, COMMA, CR, STABLE)).toEqual({
      values: [10, 0, 0, 2, 4, 1],
      end: 12,
    });
  });
  it("starts at the given index", () => {
    expect(readNumberList(bytes("PORT 1,2,3,4,5,6\r"), 5, 6, COMMA, CR, STABLE)?.end).toBe(16);
  });
  it("treats empty slots as 0 and accepts leading zeros", () => {
    expect(readNumberList(bytes("1,,3,004,5,6\r"), 0, 6, COMMA, CR, STABLE)?.values).toEqual([
      1, 0, 3, 4, 5, 6,
    ]);
  });
  it("fails on a wrong terminator, too few or too many numbers, or no terminator", () => {
    expect(readNumberList(bytes("1,2,3,4,5,6\n"), 0, 6, COMMA, CR, STABLE)).toBeNull();
    expect(readNumberList(bytes("1,2,3,4,5,6 \r"), 0, 6, COMMA, CR, STABLE)).toBeNull();
    expect(readNumberList(bytes("1,2,3,4,5\r"), 0, 6, COMMA, CR, STABLE)).toBeNull();
    expect(readNumberList(bytes("1,2,3,4,5,6,7\r"), 0, 6, COMMA, CR, STABLE)).toBeNull();
    expect(readNumberList(bytes("1,2,3,4,5,6"), 0, 6, COMMA, CR, STABLE)).toBeNull();
  });
  it("accepts any other byte when there is no terminator", () => {
    expect(readNumberList(bytes("1,2,3,4,5,6)."), 0, 6, COMMA, null, STABLE)?.end).toBe(11);
  });
  it("checks the separator before the terminator", () => {
    expect(readNumberList(bytes("1.2.3.4."), 0, 4, DOT, DOT, STABLE)).toBeNull();
  });
  it("wraps slots at 2^32 in the stable kernel", () => {
    expect(readNumberList(bytes("4294967297,0,0,0\r"), 0, 4, COMMA, CR, STABLE)?.values[0]).toBe(1);
  });
  it("fails on a slot above 255 with the 2026-05 fix", () => {
    expect(readNumberList(bytes("10,0,1,2,256,22\r"), 0, 6, COMMA, CR, FIXED)).toBeNull();
    expect(readNumberList(bytes("10,0,1,2,255,22\r"), 0, 6, COMMA, CR, FIXED)?.values[4]).toBe(255);
    expect(readNumberList(bytes("0255,1,1,1,1,1\r"), 0, 6, COMMA, CR, FIXED)?.values[0]).toBe(255);
  });
});

describe("readPortField (§2.5 get_port)", () => {
  it("reads a port up to the delimiter and ends past it", () => {
    expect(readPortField(bytes("5001|)"), 0, PIPE, STABLE)).toEqual({ port: 5001, end: 5 });
  });
  it("fails on 0, a non-digit or a missing delimiter", () => {
    expect(readPortField(bytes("0|"), 0, PIPE, STABLE)).toBeNull();
    expect(readPortField(bytes("|"), 0, PIPE, STABLE)).toBeNull();
    expect(readPortField(bytes("50a1|"), 0, PIPE, STABLE)).toBeNull();
    expect(readPortField(bytes("5001"), 0, PIPE, STABLE)).toBeNull();
  });
  it("keeps 16 bits in the stable kernel", () => {
    expect(readPortField(bytes("65537|"), 0, PIPE, STABLE)?.port).toBe(1);
    expect(readPortField(bytes("65536|"), 0, PIPE, STABLE)).toBeNull();
  });
  it("fails above 65535 with the 2026-05 fix", () => {
    expect(readPortField(bytes("65537|"), 0, PIPE, FIXED)).toBeNull();
    expect(readPortField(bytes("65535|"), 0, PIPE, FIXED)?.port).toBe(65535);
  });
});

describe("packing (§2.5)", () => {
  it("packs octets in wire order", () => {
    expect([...packIPv4([10, 0, 0, 2])]).toEqual([10, 0, 0, 2]);
  });
  it("lets bits of a slot above 255 bleed (OR) into the previous byte", () => {
    expect([...packIPv4([10, 0, 2, 258])]).toEqual([10, 0, 3, 2]);
    expect([...packIPv4([10, 0, 1, 258])]).toEqual([10, 0, 1, 2]);
  });
  it("truncates the port to 16 bits", () => {
    expect(packPort(256, 22)).toBe(22);
    expect(packPort(19, 137)).toBe(5001);
  });
});

import { describe, expect, it } from "vitest";
import { bitWriter } from "./bit-writer.ts";

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");

describe("bitWriter", () => {
  it("writes MSB first and pads the last octet with zero bits (X.691 10.1)", () => {
    const w = bitWriter();
    w.writeBit(true);
    w.writeBits(0b011, 3);
    w.writeBits(0b0011_01, 6);
    expect(w.position()).toBe(10);
    expect(hex(w.toBytes())).toBe("b340");
  });
  it("align pads with zeros, writeOctets aligns", () => {
    const w = bitWriter();
    w.writeBit(true);
    w.writeOctets(Uint8Array.from([0xab, 0xcd]));
    w.align();
    expect(w.position()).toBe(24);
    expect(hex(w.toBytes())).toBe("80abcd");
  });
  it("writes 32-bit values and grows past its first buffer", () => {
    const w = bitWriter();
    for (let i = 0; i < 10; i++) w.writeBits(0xfffffffe, 32);
    expect(hex(w.toBytes())).toBe("fffffffe".repeat(10));
  });
  it("refuses a value that does not fit", () => {
    const w = bitWriter();
    expect(() => w.writeBits(4, 2)).toThrow(RangeError);
    expect(() => w.writeBits(-1, 8)).toThrow(RangeError);
    expect(() => w.writeBits(0, 33)).toThrow(RangeError);
  });
});

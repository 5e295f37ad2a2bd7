import { describe, expect, it } from "vitest";
import { readTokenPort, type TokenPort } from "./token-port.ts";

const b = (s: string) => new TextEncoder().encode(s);

function read(text: string, off: number, stop = text.indexOf("\n")): TokenPort | null {
  const out: TokenPort = { port: -1, digits: -1 };
  return readTokenPort(b(text), off, stop, out) ? out : null;
}

describe("readTokenPort", () => {
  it("reads decimal digits", () => {
    expect(read("DATA 50000\n", 5)).toEqual({ port: 50000, digits: 5 });
    expect(read("DATA 7 MESG\n", 5)).toEqual({ port: 7, digits: 1 });
  });
  it("reads at most 5 digits", () => {
    expect(read("DATA 123456\n", 5)).toEqual({ port: 12345, digits: 5 });
  });
  it("wraps at 16 bits", () => {
    expect(read("DATA 99999\n", 5)).toEqual({ port: 34463, digits: 5 });
    expect(read("DATA 65536\n", 5)).toEqual({ port: 0, digits: 5 });
    expect(read("DATA 70000\n", 5)).toEqual({ port: 4464, digits: 5 });
  });
  it("keeps leading zeros in the digit count", () => {
    expect(read("DATA 0123\n", 5)).toEqual({ port: 123, digits: 4 });
  });
  it("reads 0 from no digit: no sign, no space skip, no hex", () => {
    expect(read("DATA  5000\n", 5)).toEqual({ port: 0, digits: 0 });
    expect(read("DATA +5\n", 5)).toEqual({ port: 0, digits: 0 });
    expect(read("DATA \n", 5)).toEqual({ port: 0, digits: 0 });
    expect(read("DATA 0x1F\n", 5)).toEqual({ port: 0, digits: 1 });
  });
  it("stops at the region's end even inside digits", () => {
    expect(read("DATA 12345", 5, 7)).toEqual({ port: 12, digits: 2 });
  });
  it("fails when the copy runs past the data", () => {
    expect(read("DATA 12", 5, 12)).toBeNull();
    expect(read("DATA 12", 5, 7)).toEqual({ port: 12, digits: 2 });
  });
});

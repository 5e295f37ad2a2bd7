import { describe, expect, it } from "vitest";
import { announcesPort, isNetStart, netStartReply, requestCode } from "./wire.ts";

const bytes = (...values: number[]) => Uint8Array.from(values);

describe("requestCode (§7 ORIGINAL)", () => {
  it("is the be32 of an 8-byte payload", () => {
    expect(requestCode(bytes(0, 0, 0, 7, 0, 0, 0, 1))).toBe(7);
    expect(requestCode(bytes(0xff, 0, 0, 7, 1, 2, 3, 4))).toBe(0xff000007);
    expect(requestCode(bytes(7, 0, 0, 0, 0, 0, 0, 0))).toBe(0x07000000);
  });
  it("is null for every other length", () => {
    for (const length of [0, 1, 4, 7, 9, 16])
      expect(requestCode(new Uint8Array(length))).toBeNull();
  });
  it("reads a view into a larger buffer at its own offset", () => {
    const buffer = bytes(9, 9, 0, 0, 0, 7, 0, 0, 0, 1, 9);
    expect(requestCode(buffer.subarray(2, 10))).toBe(7);
  });
});

describe("isNetStart", () => {
  it("is code 7 only", () => {
    expect(isNetStart(7)).toBe(true);
    for (const code of [0, 1, 6, 8, 0x07000000]) expect(isNetStart(code)).toBe(false);
  });
});

describe("netStartReply (§7 REPLY)", () => {
  it("splits the first 8 bytes into status, zero and port", () => {
    expect(netStartReply(bytes(0, 0, 0, 1, 0, 2, 0x13, 0x88, 0xaa))).toEqual({
      status: 1,
      zero: 2,
      port: 5000,
    });
  });
  it("is null below 8 bytes", () => {
    expect(netStartReply(bytes(0, 0, 0, 0, 0, 0, 0x13))).toBeNull();
  });
  it("announces a port on status 0 and zero 0 only, port 0 included", () => {
    expect(announcesPort({ status: 0, zero: 0, port: 0 })).toBe(true);
    expect(announcesPort({ status: 0, zero: 0, port: 6566 })).toBe(true);
    expect(announcesPort({ status: 4, zero: 0, port: 6566 })).toBe(false);
    expect(announcesPort({ status: 0, zero: 1, port: 6566 })).toBe(false);
  });
});

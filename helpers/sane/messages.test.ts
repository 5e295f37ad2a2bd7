import { describe, expect, it } from "vitest";
import { isRequest, isStartRequest, startReplyPort } from "./messages.ts";

const bytes = (...values: number[]) => Uint8Array.from(values);

describe("isRequest", () => {
  it("is exactly 8 bytes", () => {
    expect(isRequest(new Uint8Array(8))).toBe(true);
    for (const length of [0, 1, 4, 7, 9, 12, 16]) {
      expect(isRequest(new Uint8Array(length))).toBe(false);
    }
  });
});

describe("isStartRequest", () => {
  it("reads the RPC code big-endian, any handle", () => {
    expect(isStartRequest(bytes(0, 0, 0, 7, 0, 0, 0, 1))).toBe(true);
    expect(isStartRequest(bytes(0, 0, 0, 7, 0xff, 0xff, 0xff, 0xff))).toBe(true);
  });
  it("no other code, and not little-endian 7", () => {
    for (const code of [0, 1, 2, 3, 6, 8, 10, 0x107, 0x10007, 0x1000007]) {
      const data = bytes(
        code >>> 24,
        (code >> 16) & 0xff,
        (code >> 8) & 0xff,
        code & 0xff,
        0,
        0,
        0,
        1,
      );
      expect(isStartRequest(data)).toBe(false);
    }
    expect(isStartRequest(bytes(7, 0, 0, 0, 0, 0, 0, 1))).toBe(false);
  });
});

describe("startReplyPort", () => {
  it("is the be16 at bytes 6-7 of a successful reply", () => {
    expect(startReplyPort(bytes(0, 0, 0, 0, 0, 0, 0x13, 0x88))).toBe(5000);
    expect(startReplyPort(bytes(0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0, 0, 0x47))).toBe(65535);
  });
  it("accepts port 0", () => {
    expect(startReplyPort(bytes(0, 0, 0, 0, 0, 0, 0, 0))).toBe(0);
  });
  it("refuses a status other than SUCCESS, a non-zero zero field, or fewer than 8 bytes", () => {
    for (let at = 0; at < 6; at++) {
      const data = bytes(0, 0, 0, 0, 0, 0, 0x13, 0x88);
      data[at] = 1;
      expect(startReplyPort(data)).toBe(-1);
    }
    expect(startReplyPort(bytes(0, 0, 0, 0, 0, 0, 0x13))).toBe(-1);
    expect(startReplyPort(new Uint8Array(0))).toBe(-1);
  });
});

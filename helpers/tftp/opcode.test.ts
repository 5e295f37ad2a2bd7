import { describe, expect, it } from "vitest";
import { isTransferRequest, TFTP_RRQ, TFTP_WRQ, tftpOpcode } from "./opcode.ts";

describe("tftpOpcode", () => {
  it("reads the first two bytes big-endian", () => {
    expect(tftpOpcode(Uint8Array.of(0, 1, 0x66, 0))).toBe(TFTP_RRQ);
    expect(tftpOpcode(Uint8Array.of(0, 2))).toBe(TFTP_WRQ);
    expect(tftpOpcode(Uint8Array.of(1, 0))).toBe(256);
    expect(tftpOpcode(Uint8Array.of(0xff, 0xff, 9))).toBe(65535);
  });
  it("has no opcode below two bytes", () => {
    expect(tftpOpcode(new Uint8Array(0))).toBe(-1);
    expect(tftpOpcode(Uint8Array.of(0))).toBe(-1);
    expect(tftpOpcode(Uint8Array.of(1))).toBe(-1);
  });
});

describe("isTransferRequest", () => {
  it("is RRQ or WRQ only", () => {
    expect(isTransferRequest(1)).toBe(true);
    expect(isTransferRequest(2)).toBe(true);
    for (const other of [-1, 0, 3, 4, 5, 6, 7, 256, 257, 513]) {
      expect(isTransferRequest(other)).toBe(false);
    }
  });
});

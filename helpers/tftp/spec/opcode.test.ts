import { describe, expect, it } from "vitest";
import { isTransferRequest, opcodeOf } from "./opcode.ts";

const bytes = (...values: number[]) => Uint8Array.from(values);

describe("opcodeOf", () => {
  it("reads the first two bytes big-endian", () => {
    expect(opcodeOf(bytes(0, 1))).toBe(1);
    expect(opcodeOf(bytes(1, 0, 9))).toBe(256);
    expect(opcodeOf(bytes(0xff, 0xff))).toBe(65535);
  });
  it("is null below 2 bytes", () => {
    expect(opcodeOf(bytes())).toBeNull();
    expect(opcodeOf(bytes(0))).toBeNull();
  });
});

describe("isTransferRequest (§4.2)", () => {
  it("RRQ and WRQ, even without filename or mode", () => {
    expect(isTransferRequest(bytes(0, 1))).toBe(true);
    expect(isTransferRequest(bytes(0, 2, 0x66, 0))).toBe(true);
  });
  it("every other opcode and truncated payloads: no", () => {
    const requests: number[] = [];
    for (let opcode = 0; opcode < 65536; opcode++) {
      if (isTransferRequest(bytes(opcode >> 8, opcode & 0xff))) requests.push(opcode);
    }
    expect(requests).toEqual([1, 2]);
    expect(isTransferRequest(bytes(1, 0))).toBe(false); // little-endian 1 is 256
    expect(isTransferRequest(bytes(0))).toBe(false);
    expect(isTransferRequest(bytes(1))).toBe(false);
  });
});

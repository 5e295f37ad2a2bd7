import { describe, expect, it } from "vitest";
import { opcodeBytes, packetOfStrings, packetWithBody } from "./tftp-packet-bytes.ts";

describe("tftp packet bytes", () => {
  it("writes the opcode big-endian", () => {
    expect([...opcodeBytes(1)]).toEqual([0, 1]);
    expect([...opcodeBytes(0x0102)]).toEqual([1, 2]);
  });
  it("NUL-terminates every string", () => {
    expect([...packetOfStrings(1, ["a", "octet"])]).toEqual([
      0, 1, 0x61, 0, 0x6f, 0x63, 0x74, 0x65, 0x74, 0,
    ]);
    expect([...packetOfStrings(6, [])]).toEqual([0, 6]);
  });
  it("appends a binary body", () => {
    expect([...packetWithBody(4, Uint8Array.of(0, 9))]).toEqual([0, 4, 0, 9]);
  });
});

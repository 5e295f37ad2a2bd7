import { describe, expect, it } from "vitest";
import { internetChecksum, pseudoHeaderSum, sumWords, transportChecksum } from "./checksum.ts";

describe("internetChecksum", () => {
  it("matches the RFC 1071 worked example", () => {
    // RFC 1071 §3: words 0001 f203 f4f5 f6f7 sum to ddf2, checksum 220d.
    const bytes = Uint8Array.from([0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7]);
    expect(internetChecksum(bytes)).toBe(0x220d);
  });

  it("verifies to zero once the checksum is written in", () => {
    const header = Uint8Array.from([
      0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11, 0x00, 0x00, 0xc0, 0xa8, 0x00,
      0x01, 0xc0, 0xa8, 0x00, 0xc7,
    ]);
    const value = internetChecksum(header);
    expect(value).toBe(0xb861);
    header[10] = value >> 8;
    header[11] = value & 0xff;
    expect(internetChecksum(header)).toBe(0);
  });

  it("pads an odd trailing byte as the high half of a word", () => {
    expect(sumWords(Uint8Array.from([0x12]))).toBe(0x1200);
  });
});

describe("pseudoHeaderSum", () => {
  it("rejects mixed families", () => {
    expect(() => pseudoHeaderSum(new Uint8Array(4), new Uint8Array(16), 6, 20)).toThrow(
      /IPv4 or two IPv6/,
    );
  });
});

describe("transportChecksum", () => {
  it("sends a UDP checksum of zero as 0xffff", () => {
    // Choose a payload word that makes the full sum 0xffff, so the complement is 0.
    const src = Uint8Array.from([0, 0, 0, 0]);
    const dst = Uint8Array.from([0, 0, 0, 0]);
    const segment = new Uint8Array(10);
    segment[4] = 0;
    segment[5] = 10; // UDP length
    // pseudo: proto 17 + length 10 = 27; header length word 10 => 37; need 0xffff - 37.
    const filler = 0xffff - 37;
    segment[8] = filler >> 8;
    segment[9] = filler & 0xff;
    expect(transportChecksum(src, dst, 17, segment)).toBe(0xffff);
    // TCP has no such escape: the same arithmetic (pseudo 6 + 10) gives a plain 0.
    const tcpFiller = 0xffff - 26;
    segment[8] = tcpFiller >> 8;
    segment[9] = tcpFiller & 0xff;
    expect(transportChecksum(src, dst, 6, segment)).toBe(0);
  });
});

import { describe, expect, it } from "vitest";
import { read, u8, u16, withU16 } from "./wire.ts";

function bytes(type: number, bodyLength: number, packetType = 1, cookie = 0x1a2b3c4d) {
  const p = new Uint8Array(12 + bodyLength);
  const v = new DataView(p.buffer);
  v.setUint16(2, packetType);
  v.setUint32(4, cookie);
  v.setUint16(8, type);
  return p;
}

describe("read", () => {
  it("names a message whose body fills its struct", () => {
    expect(read(bytes(8, 20))).toEqual({ kind: "message", name: "OCRP" });
    expect(read(bytes(1, 144))).toEqual({ kind: "message", name: "SCCRQ" });
    expect(read(bytes(15, 12))).toEqual({ kind: "message", name: "SLI" });
    expect(read(bytes(5, 0))).toEqual({ kind: "message", name: "EchoRQ" });
  });
  it("tells the ways a segment is left alone", () => {
    expect(read(bytes(8, 19))).toEqual({ kind: "body too short", name: "OCRP" });
    expect(read(bytes(13, 135))).toEqual({ kind: "body too short", name: "CDN" });
    expect(read(bytes(8, 20, 2))).toEqual({ kind: "not control" });
    expect(read(bytes(8, 20, 1, 0x4d3c2b1a))).toEqual({ kind: "not control" });
    expect(read(new Uint8Array(11))).toEqual({ kind: "no full header" });
    expect(read(bytes(0, 0))).toEqual({ kind: "unknown type", type: 0 });
    expect(read(bytes(65535, 0))).toEqual({ kind: "unknown type", type: 65535 });
  });
  it("reads and sets fields at their struct offsets", () => {
    const p = bytes(8, 20);
    p.set([0x12, 0x34, 0xff, 0xfe, 1], 12);
    expect(u16(p, "OCRP.callID")).toBe(0x1234);
    expect(u16(p, "OCRP.peersCallID")).toBe(0xfffe);
    expect(u8(p, "OCRP.resultCode")).toBe(1);
    const q = withU16(p, "OCRP.peersCallID", 0);
    expect(u16(q, "OCRP.peersCallID")).toBe(0);
    expect(u16(p, "OCRP.peersCallID")).toBe(0xfffe);
  });
});

import { describe, expect, it } from "vitest";
import { getPort } from "./get-port.ts";

const bytes = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

function port(text: string, strict = false) {
  const data = bytes(text);
  const out = new Uint32Array(1);
  const end = getPort(data, 0, data.length, 0x7c, strict, out);
  return end < 0 ? null : { end, port: out[0] };
}

describe("getPort", () => {
  it("reads digits up to the delimiter", () => {
    expect(port("1025|)")).toEqual({ end: 5, port: 1025 });
  });
  it("fails on 0, on no digits, on a stray byte, on no delimiter", () => {
    expect(port("0|")).toBeNull();
    expect(port("|")).toBeNull();
    expect(port("10 25|")).toBeNull();
    expect(port("1025")).toBeNull();
  });
  it("wraps at 16 bits in the stable kernel", () => {
    expect(port("65537|")?.port).toBe(1);
    expect(port("65536|")).toBeNull();
    expect(port("0001025|")?.port).toBe(1025);
  });
  it("fails over 65535 with the 2026 fix", () => {
    expect(port("65537|", true)).toBeNull();
    expect(port("65535|", true)?.port).toBe(65535);
  });
});

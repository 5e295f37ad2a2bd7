import { describe, expect, it } from "vitest";
import { rewriteMessage, rewriteResponse } from "./nat.ts";

const NAT = Uint8Array.of(198, 51, 100, 7);
const DAEMON = Uint8Array.of(192, 0, 2, 1);

function addr(port: number, ip: number[]): number[] {
  return [0, 2, port >> 8, port & 0xff, ...ip, 1, 2, 3, 4, 5, 6, 7, 8];
}

describe("talk NAT rewrites", () => {
  it("rewrites a request's addr (keeping its port) and its whole ctl_addr", () => {
    const data = Uint8Array.of(
      1,
      3,
      0,
      0,
      9,
      9,
      9,
      9,
      ...addr(1234, [10, 0, 0, 2]),
      ...addr(999, [10, 0, 0, 2]),
    );
    const out = rewriteMessage(data, 8, 24, NAT, 40001);
    expect([...out.subarray(8, 24)]).toEqual(addr(1234, [198, 51, 100, 7]));
    expect([...out.subarray(24, 40)]).toEqual(addr(40001, [198, 51, 100, 7]));
    expect([...out.subarray(0, 8)]).toEqual([1, 3, 0, 0, 9, 9, 9, 9]);
    expect([...data.subarray(8, 16)]).toEqual(addr(1234, [10, 0, 0, 2]).slice(0, 8));
  });
  it("leaves a request's INADDR_ANY addr alone but still sets ctl_addr", () => {
    const data = Uint8Array.of(...addr(0, [0, 0, 0, 0]), ...addr(0, [0, 0, 0, 0]));
    const out = rewriteMessage(data, 0, 16, NAT, 517);
    expect([...out.subarray(0, 16)]).toEqual(addr(0, [0, 0, 0, 0]));
    expect([...out.subarray(16, 32)]).toEqual(addr(517, [198, 51, 100, 7]));
  });
  it("rewrites an answer's addr and port unless it is INADDR_ANY", () => {
    const data = Uint8Array.of(...addr(2000, [192, 0, 2, 9]));
    expect([...rewriteResponse(data, 0, DAEMON, 3000)]).toEqual(addr(3000, [192, 0, 2, 1]));
    const any = Uint8Array.of(...addr(2000, [0, 0, 0, 0]));
    expect(rewriteResponse(any, 0, DAEMON, 3000)).toBe(any);
  });
});

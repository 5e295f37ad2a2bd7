import { describe, expect, it } from "vitest";
import { connectRegion } from "./connect-region.ts";

const b = (s: string) => new TextEncoder().encode(s);

describe("connectRegion", () => {
  it("spans from after CONNECT to the first newline after it", () => {
    expect(connectRegion(b("CONNECT DATA 5\n"))).toEqual({ start: 8, stop: 14 });
    expect(connectRegion(b("Amanda 2.6 REP\nCONNECT DATA 5\nOPTIONS x;\n"))).toEqual({
      start: 23,
      stop: 29,
    });
  });
  it("matches inside other words", () => {
    expect(connectRegion(b("XCONNECT DATA 5\n"))).toEqual({ start: 9, stop: 15 });
  });
  it("takes the first CONNECT only", () => {
    expect(connectRegion(b("CONNECT \nCONNECT DATA 1\n"))).toEqual({ start: 8, stop: 8 });
  });
  it("needs CONNECT with its space and a newline after it", () => {
    expect(connectRegion(b("CONNECT DATA 5000"))).toBeNull();
    expect(connectRegion(b("\nCONNECT DATA 5000"))).toBeNull();
    expect(connectRegion(b("CONNECTDATA 5\n"))).toBeNull();
    expect(connectRegion(b("connect DATA 5\n"))).toBeNull();
    expect(connectRegion(new Uint8Array(0))).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { connectRegion, firstSpace } from "./connect-region.ts";
import { PORT_TOKENS } from "./port-tokens.ts";

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

describe("firstSpace", () => {
  it("is the first space of the region, -1 without one", () => {
    const text = b("CONNECT xDATA 5 MESG 6\n");
    expect(firstSpace(text, { start: 8, stop: 22 })).toBe(13);
    expect(firstSpace(b(`CONNECT ${"y".repeat(4000)}\n`), { start: 8, stop: 4008 })).toBe(-1);
    expect(firstSpace(text, { start: 8, stop: 13 })).toBe(-1);
  });
  it("no token ends before it: they all end with a space", () => {
    for (const token of PORT_TOKENS) expect(token[token.length - 1]).toBe(0x20);
  });
});

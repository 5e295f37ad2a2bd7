import { describe, expect, it } from "vitest";
import { nextLineEnd } from "./line-end.ts";

function plain(data: Uint8Array, from: number, limit: number): number {
  for (let p = from; p < limit; p++) if (data[p] === 0x0d || data[p] === 0x0a) return p;
  return limit;
}

describe("nextLineEnd", () => {
  it("finds CR or LF at every offset and limit, aligned or not, like a byte loop", () => {
    let seed = 99;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed;
    };
    const alphabet = [0x0d, 0x0a, 0x0e, 0x0c, 0x00, 0x20, 0x41, 0x8d, 0x8a, 0xff, 0x8e];
    for (let round = 0; round < 300; round++) {
      const backing = new Uint8Array(80);
      for (let i = 0; i < backing.length; i++) {
        backing[i] = rand() % 4 === 0 ? alphabet[rand() % alphabet.length] : 0x61 + (rand() % 26);
      }
      const shift = rand() % 4;
      const data = backing.subarray(shift, shift + 60 + (rand() % 16));
      for (let from = 0; from < data.length; from += 1 + (rand() % 3)) {
        const limit = from + (rand() % (data.length - from + 1));
        expect(nextLineEnd(data, from, limit)).toBe(plain(data, from, limit));
      }
    }
  });
  it("returns the limit when there is no line end", () => {
    const data = new Uint8Array(64).fill(0x61);
    expect(nextLineEnd(data, 0, 64)).toBe(64);
    data[40] = 0x0a;
    expect(nextLineEnd(data, 0, 40)).toBe(40);
    expect(nextLineEnd(data, 0, 64)).toBe(40);
  });
  it("agrees with a byte loop on long lines (searched natively past 64 bytes)", () => {
    let seed = 7;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed;
    };
    for (let round = 0; round < 40; round++) {
      const backing = new Uint8Array(3000 + 1100 * (round % 2)).fill(0x61);
      for (let k = 0; k < 6; k++) {
        const at = rand() % backing.length;
        const kind = rand() % 3;
        if (kind === 0) backing[at] = 0x0d;
        else if (kind === 1) backing[at] = 0x0a;
        else backing.set([0x0d, 0x0a], Math.min(at, backing.length - 2));
      }
      const shift = rand() % 4;
      const data = backing.subarray(shift, backing.length - (rand() % 1500));
      for (let from = 0; from < data.length; from += 1 + (rand() % 97)) {
        for (const limit of [data.length, from + (rand() % (data.length - from + 1))]) {
          expect(nextLineEnd(data, from, limit)).toBe(plain(data, from, limit));
        }
      }
    }
  });
});

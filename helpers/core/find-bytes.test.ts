import { describe, expect, it } from "vitest";
import { findPattern, indexOfByte } from "./find-bytes.ts";

const b = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

/** The plain forward loop both searches must agree with. */
function loopIndexOf(data: Uint8Array, byte: number, from: number, to: number): number {
  for (let i = Math.max(0, from); i < Math.min(to, data.length); i++)
    if (data[i] === byte) return i;
  return -1;
}
function loopFind(data: Uint8Array, pattern: Uint8Array, from: number, to: number): number {
  const last = Math.min(to, data.length) - pattern.length;
  outer: for (let i = Math.max(0, from); i <= last; i++) {
    for (let k = 0; k < pattern.length; k++) if (data[i + k] !== pattern[k]) continue outer;
    return i;
  }
  return -1;
}

describe("indexOfByte", () => {
  it("finds the first occurrence in [from, to)", () => {
    expect(indexOfByte(b("ab:cd:"), 0x3a, 0, 6)).toBe(2);
    expect(indexOfByte(b("ab:cd:"), 0x3a, 3, 6)).toBe(5);
    expect(indexOfByte(b("ab:cd:"), 0x3a, 3, 5)).toBe(-1);
    expect(indexOfByte(b("ab:cd:"), 0x3a, 0, 99)).toBe(2);
    expect(indexOfByte(b("ab"), 0x3a, 5, 9)).toBe(-1);
  });
  it("agrees with a byte loop past the JS look, with and without a far rest", () => {
    const data = new Uint8Array(5000).fill(0x78);
    for (const at of [0, 15, 16, 17, 200, 2047, 2048, 4999]) {
      data[at] = 0x3a;
      for (const [from, to] of [
        [0, 5000],
        [0, 2048],
        [16, 3000],
        [at, at + 1],
        [at + 1, 5000],
        [3, 100],
      ]) {
        expect(indexOfByte(data, 0x3a, from, to), `${at} ${from} ${to}`).toBe(
          loopIndexOf(data, 0x3a, from, to),
        );
      }
      data[at] = 0x78;
    }
  });
  it("works on a view into a larger buffer", () => {
    const whole = b(`${"x".repeat(100)}:${"y".repeat(50)}:`);
    const view = whole.subarray(40);
    expect(indexOfByte(view, 0x3a, 0, view.length)).toBe(60);
    expect(indexOfByte(view, 0x3a, 61, view.length)).toBe(view.length - 1);
    expect(indexOfByte(view, 0x3a, 0, 60)).toBe(-1);
  });
});

describe("findPattern", () => {
  it("finds the first whole match inside the range, by any of its bytes", () => {
    const text = b("xCONNEC CONNECTCONNECT x");
    for (let rare = 0; rare < 8; rare++) {
      expect(findPattern(text, b("CONNECT "), rare, 0, text.length)).toBe(15);
      expect(findPattern(text, b("CONNECT "), rare, 0, 22)).toBe(-1);
      expect(findPattern(text, b("CONNECT "), rare, 0, 23)).toBe(15);
      expect(findPattern(text, b("CONNECT "), rare, 16, 99)).toBe(-1);
    }
  });
  it("agrees with a byte loop on dense near misses and long texts", () => {
    const patterns = ["CONNECT ", "DATA ", " :", "ab"].map(b);
    const texts = [
      `${"CONNEC ".repeat(600)}CONNECT x`,
      `${"y".repeat(3000)}DATA 5`,
      `${" :x".repeat(100)}${" ".repeat(2000)}:ab`,
      `${"a".repeat(1500)}b`,
    ].map(b);
    for (const text of texts) {
      for (const pattern of patterns) {
        for (let rare = 0; rare < pattern.length; rare++) {
          for (const [from, to] of [
            [0, text.length],
            [0, text.length - 1],
            [5, 2000],
            [1000, 99999],
          ]) {
            expect(findPattern(text, pattern, rare, from, to)).toBe(
              loopFind(text, pattern, from, to),
            );
          }
        }
      }
    }
  });
});

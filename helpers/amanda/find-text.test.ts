import { describe, expect, it } from "vitest";
import { findText, rareIndex } from "./find-text.ts";

const b = (s: string) => new TextEncoder().encode(s);

describe("findText", () => {
  it("finds the first occurrence, case-sensitively, anywhere", () => {
    expect(findText(b("xCONNECT CONNECT "), b("CONNECT "), 0, 17)).toBe(1);
    expect(findText(b("connect "), b("CONNECT "), 0, 8)).toBe(-1);
    expect(findText(b("METADATA 5"), b("DATA "), 0, 10)).toBe(4);
  });
  it("starts at from", () => {
    expect(findText(b("DATA DATA "), b("DATA "), 1, 10)).toBe(5);
  });
  it("needs the whole pattern before to", () => {
    expect(findText(b("DATA 1\n"), b("DATA "), 0, 4)).toBe(-1);
    expect(findText(b("DATA 1\n"), b("DATA "), 0, 5)).toBe(0);
  });
  it("stops at the end of the data when to lies past it", () => {
    expect(findText(b("MESG"), b("MESG "), 0, 50)).toBe(-1);
    expect(findText(b("x\nMESG "), b("MESG "), 0, 50)).toBe(2);
  });
});

describe("rareIndex", () => {
  it("is the keyword's last letter, or the only byte", () => {
    expect(rareIndex(b("CONNECT "))).toBe(6);
    expect(rareIndex(b("DATA "))).toBe(3);
    expect(rareIndex(b("\n"))).toBe(0);
  });
  it("changes no result on near misses of every prefix", () => {
    const text = b(`${"C CO CON CONN CONNE CONNEC CONNECTx ".repeat(50)}CONNECT \n`);
    expect(findText(text, b("CONNECT "), 0, text.length)).toBe(text.length - 9);
    expect(findText(text, b("CONNECT "), 0, text.length - 2)).toBe(-1);
  });
});

import { describe, expect, it } from "vitest";
import { findText } from "./text-search.ts";

const ascii = (text: string) => new TextEncoder().encode(text);

describe("findText", () => {
  it("finds the first occurrence at or after from", () => {
    expect(findText(ascii("DATA DATA "), ascii("DATA "), 0, 10)).toBe(0);
    expect(findText(ascii("DATA DATA "), ascii("DATA "), 1, 10)).toBe(5);
  });
  it("matches inside other words and is case-sensitive", () => {
    expect(findText(ascii("METADATA 5"), ascii("DATA "), 0, 10)).toBe(4);
    expect(findText(ascii("data 5"), ascii("DATA "), 0, 6)).toBeNull();
  });
  it("the whole pattern must lie before to", () => {
    expect(findText(ascii("xDATA 5"), ascii("DATA "), 0, 5)).toBeNull();
    expect(findText(ascii("xDATA 5"), ascii("DATA "), 0, 6)).toBe(1);
  });
  it("a to past the end reads only what exists", () => {
    expect(findText(ascii("DATA"), ascii("DATA "), 0, 100)).toBeNull();
    expect(findText(ascii("a\n"), ascii("\n"), 0, 100)).toBe(1);
  });
  it("an empty range finds nothing", () => {
    expect(findText(ascii("\n"), ascii("\n"), 1, 1)).toBeNull();
    expect(findText(new Uint8Array(), ascii("\n"), 0, 0)).toBeNull();
  });
});

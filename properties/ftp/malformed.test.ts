import { describe, expect, it } from "vitest";
import { asciiBytes } from "../core/dialogue-flow.ts";
import { bareNewline, noLineEnd, noSpaceAfterKeyword, spliced, truncated } from "./malformed.ts";

const text = (bytes: Uint8Array) => String.fromCharCode(...bytes);
const line = asciiBytes("PORT 10,0,0,2,4,1\r\n");

describe("line damage", () => {
  it("replaces CR LF by a bare LF", () =>
    expect(text(bareNewline(line))).toBe("PORT 10,0,0,2,4,1\n"));
  it("removes the line end", () => expect(text(noLineEnd(line))).toBe("PORT 10,0,0,2,4,1"));
  it("removes the first space", () =>
    expect(text(noSpaceAfterKeyword(line))).toBe("PORT10,0,0,2,4,1\r\n"));
  it("keeps a keyword prefix", () => expect(text(truncated(2)(line))).toBe("PO"));
  it("inserts before the line end", () =>
    expect(text(spliced(1, asciiBytes(",7"), false)(line))).toBe("PORT 10,0,0,2,4,1,7\r\n"));
  it("replaces a byte", () =>
    expect(text(spliced(3, asciiBytes("|"), true)(line))).toBe("PORT 10,0,0,2,4|1\r\n"));
});

import { describe, expect, it } from "vitest";
import { spliceText } from "./splice.ts";

const text = (b: Uint8Array) => new TextDecoder().decode(b);
const bytes = (s: string) => new TextEncoder().encode(s);

describe("spliceText", () => {
  it("replaces a span by shorter, longer or equal text", () => {
    expect(text(spliceText(bytes("DATA 0123\n"), 5, 4, "123"))).toBe("DATA 123\n");
    expect(text(spliceText(bytes("DATA 5\n"), 5, 1, "50000"))).toBe("DATA 50000\n");
    expect(text(spliceText(bytes("ab"), 0, 2, "cd"))).toBe("cd");
    expect(text(spliceText(bytes("PORT 1,2,3,4,5,6\r\n"), 5, 11, "x"))).toBe("PORT x\r\n");
  });
  it("inserts when the span is empty", () => {
    expect(text(spliceText(bytes("PORT\r\n"), 0, 0, ">"))).toBe(">PORT\r\n");
  });
  it("leaves its input alone", () => {
    const input = bytes("x1y");
    spliceText(input, 1, 1, "22");
    expect(text(input)).toBe("x1y");
  });
});

import { describe, expect, it } from "vitest";
import { spliceText } from "./splice-text.ts";

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (data: Uint8Array) => new TextDecoder().decode(data);

describe("spliceText", () => {
  it("replaces exactly the given region", () => {
    expect(text(spliceText(bytes("PORT 1,2\r\n"), 5, 3, "abcde"))).toBe("PORT abcde\r\n");
  });
  it("grows, shrinks or inserts", () => {
    expect(text(spliceText(bytes("ab 1 2 c"), 3, 3, "1234 5"))).toBe("ab 1234 5 c");
    expect(text(spliceText(bytes("ab 0001    2 c"), 3, 9, "1 2"))).toBe("ab 1 2 c");
    expect(text(spliceText(bytes("ab c"), 3, 0, "9 9"))).toBe("ab 9 9c");
  });
});

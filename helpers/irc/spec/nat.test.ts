import { describe, expect, it } from "vitest";
import { replacementText, spliceText } from "./nat.ts";

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (data: Uint8Array) => new TextDecoder().decode(data);

describe("replacementText (§3.4)", () => {
  it("writes the address as one unsigned decimal and the port", () => {
    expect(replacementText(3325256705, 5000)).toBe("3325256705 5000");
    expect(replacementText(0xffffffff, 65535)).toBe("4294967295 65535");
    expect(replacementText(1, 1)).toBe("1 1");
  });
});

describe("spliceText", () => {
  it("replaces exactly the region, growing or shrinking the payload", () => {
    expect(text(spliceText(bytes("ab 1 2 c"), 3, 6, "1234 5"))).toBe("ab 1234 5 c");
    expect(text(spliceText(bytes("ab 0001    2 c"), 3, 12, "1 2"))).toBe("ab 1 2 c");
    expect(text(spliceText(bytes("ab c"), 3, 3, "9 9"))).toBe("ab 9 9c");
  });
});

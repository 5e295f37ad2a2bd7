import { describe, expect, it } from "vitest";
import { replaceDigits } from "./rewrite.ts";

const ascii = (text: string) => new TextEncoder().encode(text);
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe("replaceDigits (§5.3)", () => {
  it("same length: unchanged text", () => {
    expect(text(replaceDigits(ascii("DATA 50000\n"), 5, 5, 50000))).toBe("DATA 50000\n");
  });
  it("drops leading zeros: DATA 0123 ⇒ DATA 123", () => {
    expect(text(replaceDigits(ascii("DATA 0123 MESG 1\n"), 5, 4, 123))).toBe("DATA 123 MESG 1\n");
  });
  it("keeps what follows the parsed digits: DATA 123456 ⇒ 12345 then 6", () => {
    expect(text(replaceDigits(ascii("DATA 123456\n"), 5, 5, 12345))).toBe("DATA 123456\n");
    expect(text(replaceDigits(ascii("DATA 700001\n"), 5, 5, 4464))).toBe("DATA 44641\n");
  });
});

import { describe, expect, it } from "vitest";
import { at, isAlpha, startsWith, startsWithIgnoringCase } from "./message.ts";
import { textMessage } from "./test-support.ts";

describe("message bytes", () => {
  it("at() reads past the message within the payload, 0 past the payload", () => {
    const message = { ...textMessage("ab:"), length: 2 };
    expect(at(message, 2)).toBe(0x3a);
    expect(at(message, 3)).toBe(0);
    expect(at({ ...message, start: 1 }, 0)).toBe(0x62);
  });
  it("isAlpha follows the kernel's ctype: ASCII and Latin-1 letters", () => {
    expect(isAlpha(0x41)).toBe(true);
    expect(isAlpha(0x7a)).toBe(true);
    expect(isAlpha(0x31)).toBe(false);
    expect(isAlpha(0xc0)).toBe(true);
    expect(isAlpha(0xd7)).toBe(false);
    expect(isAlpha(0xff)).toBe(true);
    expect(isAlpha(0xa0)).toBe(false);
  });
  it("compares case-insensitively or exactly", () => {
    const message = textMessage("sip/2.0 200");
    expect(startsWithIgnoringCase(message, 0, "SIP/2.0 ")).toBe(true);
    expect(startsWith(message, 0, "SIP/")).toBe(false);
    expect(startsWith(message, 4, "2.0")).toBe(true);
  });
});

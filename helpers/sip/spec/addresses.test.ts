import { describe, expect, it } from "vitest";
import { addressText } from "./address-text.ts";
import { epaddrLength, sipParseAddr, sipParsePort, skipUserAndEpaddrLength } from "./addresses.ts";
import { lenient, strict, testContext, textMessage } from "./test-support.ts";

const port = (text: string) => {
  const message = textMessage(text);
  return sipParsePort(message, 0, message.length);
};

describe("sipParseAddr (§6.3)", () => {
  it("IPv4 stops at the first non-address byte", () => {
    const message = textMessage("10.0.0.2:5060>");
    const parsed = sipParseAddr(testContext(), message, 0, message.length, true);
    expect(parsed && [addressText(parsed.bytes), parsed.end]).toEqual(["10.0.0.2", 8]);
  });
  it("IPv6 needs both brackets when delim, else takes them when present", () => {
    const v6 = testContext({ family: 6 });
    const bracketed = textMessage("[2001:db8::2]:5060");
    expect(sipParseAddr(v6, bracketed, 0, bracketed.length, true)?.end).toBe(13);
    const bare = textMessage("2001:db8::2;x");
    expect(sipParseAddr(v6, bare, 0, bare.length, true)).toBeNull();
    expect(sipParseAddr(v6, bare, 0, bare.length, false)?.end).toBe(11);
  });
});

describe("sipParsePort (2026-04)", () => {
  it("no ':' is SIP_PORT; 1024–65535 with a byte after it", () => {
    expect(port(">")).toEqual({ port: 5060, end: 0 });
    expect(port(":5062>")).toEqual({ port: 5062, end: 5 });
    expect(port(":05535>")).toEqual({ port: 5535, end: 6 });
    expect(port(":005060>")).toBeNull(); // six digits
    expect(port(":80>")).toBeNull();
    expect(port(":65536>")).toBeNull();
    expect(port(":5062")).toBeNull(); // reaches the limit
    expect(port(":>")).toBeNull();
    expect(port("")).toBeNull(); // an address ending at the limit
  });
});

describe("epaddrLength / skipUserAndEpaddrLength", () => {
  it("before 2026-04 any digits after ':' count; since, the port rules apply", () => {
    const message = textMessage("10.0.0.2:80;x");
    expect(epaddrLength(testContext({ config: lenient }), message, 0, message.length)).toBe(11);
    expect(epaddrLength(testContext({ config: strict }), message, 0, message.length)).toBe(0);
    const noDigits = textMessage("10.0.0.2:;x");
    expect(epaddrLength(testContext({ config: lenient }), noDigits, 0, noDigits.length)).toBe(9);
  });
  it("skips user info to an '@' on the same line, and counts it in the shift", () => {
    const message = textMessage("alice@10.0.0.2>");
    const shift = { value: 0 };
    expect(skipUserAndEpaddrLength(testContext(), message, 0, message.length, shift)).toBe(8);
    expect(shift.value).toBe(6);
    const nextLine = textMessage("10.0.0.2\r\nx@y");
    const none = { value: 0 };
    expect(skipUserAndEpaddrLength(testContext(), nextLine, 0, nextLine.length, none)).toBe(8);
    expect(none.value).toBe(0);
  });
});

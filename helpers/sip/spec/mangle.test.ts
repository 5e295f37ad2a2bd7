import { describe, expect, it } from "vitest";
import { manglePacket, sprintfAddr, sprintfAddrPort } from "./mangle.ts";
import { messageText, testContext, textMessage } from "./test-support.ts";

describe("manglePacket (§1.4)", () => {
  it("replaces a region of the message and moves its length", () => {
    const message = { ...textMessage("AAc=1.2.3.4\r\nZZ"), start: 2, length: 11 };
    expect(manglePacket(testContext(), message, 2, 7, "10.20.30.40")).toBe(true);
    expect(messageText(message)).toBe("AAc=10.20.30.40\r\nZZ");
    expect(message.length).toBe(15);
  });
  it("refuses to grow the IP packet past 65535 bytes", () => {
    const big = textMessage("x".repeat(65535 - 28 - 1));
    expect(manglePacket(testContext(), big, 0, 1, "yy")).toBe(true);
    expect(manglePacket(testContext(), big, 0, 1, "yy")).toBe(false);
    expect(manglePacket(testContext(), big, 0, 2, "z")).toBe(true);
  });
});

describe("sip_sprintf_addr / _port", () => {
  it("IPv4 plain; IPv6 compressed, bracketed where a port or delim follows", () => {
    expect(sprintfAddrPort(testContext(), "10.0.0.2", 5060)).toBe("10.0.0.2:5060");
    const v6 = testContext({ family: 6 });
    expect(sprintfAddrPort(v6, "2001:db8::2", 5060)).toBe("[2001:db8::2]:5060");
    expect(sprintfAddr(v6, "2001:db8::2", false)).toBe("2001:db8::2");
    expect(sprintfAddr(v6, "2001:db8::2", true)).toBe("[2001:db8::2]");
  });
});

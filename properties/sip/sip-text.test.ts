import { describe, expect, it } from "vitest";
import { addressTokens, framedExactly, lengthAndBody } from "./sip-text.ts";

describe("addressTokens", () => {
  it("finds IPv4 literals, bracketed IPv6 and SDP IN IP6 addresses in order", () => {
    const text =
      "INVITE sip:a@[2001:db8::5]:5060 SIP/2.0\r\nVia: SIP/2.0/UDP 198.18.0.2:5060\r\n\r\nc=IN IP6 2001:db8::7\r\n";
    expect(addressTokens(text)).toEqual(["2001:db8::5", "198.18.0.2", "2001:db8::7"]);
  });
  it("does not take a version or a number run for an address", () => {
    expect(addressTokens("SIP/2.0 200 OK\r\nCSeq: 1.2.3 INVITE\r\n")).toEqual([]);
  });
});

describe("lengthAndBody", () => {
  it("reads Content-Length (full or compact) and the body after CRLFCRLF", () => {
    expect(lengthAndBody("X\r\nl: 3\r\n\r\nabc")).toEqual({ length: 3, body: "abc" });
    expect(lengthAndBody("X\r\nContent-Length : 0\r\n\r\n")).toEqual({ length: 0, body: "" });
  });
  it("is null without the blank line or with a non-numeric value", () => {
    expect(lengthAndBody("X\r\nl: 3\r\nabc")).toBeNull();
    expect(lengthAndBody("X\r\nl: abc\r\n\r\n")).toBeNull();
  });
});

describe("framedExactly (the kernel's TCP loop consumes the segment)", () => {
  const msg = (body: string, cl = body.length) =>
    `OPTIONS sip:x SIP/2.0\r\nContent-Length: ${cl}\r\n\r\n${body}`;
  it("holds for one or several whole messages", () => {
    expect(framedExactly(msg("abc"))).toBe(true);
    expect(framedExactly(msg("") + msg("v=0\r\n"))).toBe(true);
  });
  it("fails when the last message runs past the segment, stops short, or has no length", () => {
    expect(framedExactly(msg("abc", 10))).toBe(false);
    expect(framedExactly(`${msg("abc")}junk`)).toBe(false);
    expect(framedExactly("OPTIONS sip:x SIP/2.0\r\n\r\n")).toBe(false);
  });
});

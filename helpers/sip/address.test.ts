import { describe, expect, it } from "vitest";
import {
  afterUserInfo,
  epaddrLen,
  legacyPort,
  newParsedAddress,
  sdpParseAddr,
  sipParseAddr,
  sipParsePort,
} from "./address.ts";
import { ascii } from "./chars.ts";
import { dialectOf } from "./dialect.ts";

const v4 = dialectOf(4, true);
const v6 = dialectOf(6, true);
const v4old = dialectOf(4, false);
const out = new Uint8Array(16);

describe("sipParseAddr", () => {
  it("reads a dotted quad and stops at the first byte that cannot continue it", () => {
    const d = ascii("10.0.0.2:5060;x");
    expect(sipParseAddr(d, 0, d.length, true, v4, out)).toBe(8);
    expect([...out.subarray(0, 4)]).toEqual([10, 0, 0, 2]);
    expect(sipParseAddr(ascii("10.0.0"), 0, 6, true, v4, out)).toBe(-1);
  });
  it("wants brackets around IPv6 when delimited", () => {
    const d = ascii("[2001:db8::1]:5060");
    expect(sipParseAddr(d, 0, d.length, true, v6, out)).toBe(13);
    expect(out[15]).toBe(1);
    const bare = ascii("2001:db8::1;x");
    expect(sipParseAddr(bare, 0, bare.length, true, v6, out)).toBe(-1);
    expect(sipParseAddr(bare, 0, bare.length, false, v6, out)).toBe(11);
  });
});

describe("sipParsePort (2026-04)", () => {
  const port = (text: string) => {
    const p = newParsedAddress();
    const end = sipParsePort(ascii(text), 0, text.length, p);
    return end < 0 ? -1 : p.port;
  };
  it("defaults to 5060 without ':' and checks 1024…65535 in at most 5 digits", () => {
    expect(port(";x")).toBe(5060);
    expect(port(":6202>")).toBe(6202);
    expect(port(":05060>")).toBe(5060);
    expect(port(":065060>")).toBe(-1);
    expect(port(":1023>")).toBe(-1);
    expect(port(":70000>")).toBe(-1);
    expect(port(":>")).toBe(-1);
  });
  it("fails when the port or the address reaches the end of the buffer", () => {
    expect(port(":6202")).toBe(-1);
    expect(port("")).toBe(-1);
  });
});

describe("legacyPort (6.18 before 2026-04)", () => {
  it("reads any digits, wraps mod 2^32 and checks the range", () => {
    const p = newParsedAddress();
    expect(legacyPort(ascii(":065060>"), 0, 8, true, p)).toBe(7);
    expect(p.port).toBe(65060);
    expect(legacyPort(ascii(":4294972356>"), 0, 12, true, p)).toBe(11);
    expect(p.port).toBe(5060);
    expect(legacyPort(ascii(":1000"), 0, 5, true, p)).toBe(-1);
    expect(legacyPort(ascii(";"), 0, 1, true, p)).toBe(0);
    expect(p.port).toBe(5060);
  });
});

describe("epaddrLen", () => {
  it("measures address and port, 0 when either fails", () => {
    const d = ascii("10.0.0.2:5060;branch");
    expect(epaddrLen(d, 0, d.length, v4)).toBe(13);
    const bad = ascii("10.0.0.2:1000;x");
    expect(epaddrLen(bad, 0, bad.length, v4)).toBe(0);
    expect(epaddrLen(bad, 0, bad.length, v4old)).toBe(13);
    expect(epaddrLen(ascii("host:5060;"), 0, 10, v4)).toBe(0);
  });
});

describe("afterUserInfo", () => {
  it("skips to after '@' on the same line only", () => {
    expect(afterUserInfo(ascii("alice@10.0.0.2>"), 0, 15)).toBe(6);
    expect(afterUserInfo(ascii("10.0.0.2>\r\nx@y"), 0, 14)).toBe(0);
  });
});

describe("sdpParseAddr", () => {
  it("reads an address without brackets", () => {
    const d = ascii("2001:db8::5\r\n");
    expect(sdpParseAddr(d, 0, d.length, v6, out)).toBe(11);
    expect(sdpParseAddr(ascii("[2001:db8::5]"), 0, 13, v6, out)).toBe(-1);
  });
});

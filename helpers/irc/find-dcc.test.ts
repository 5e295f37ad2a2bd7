import { describe, expect, it } from "vitest";
import { findDccArguments } from "./find-dcc.ts";

const bytes = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
/** Searches after "PRIVMSG " like the helper does. */
const find = (s: string, limit = s.length) => findDccArguments(bytes(s), 8, limit);
const I1 = "PRIVMSG bob :\x01DCC SEND f.txt 3232235778 5000 1234\x01\r\n";

describe("findDccArguments", () => {
  it("finds the arguments of a DCC right after the first ' :'", () => {
    expect(find(I1)).toBe(I1.indexOf("f.txt"));
    const chat = "PRIVMSG bob :\x01DCC CHAT chat 3232235778 5000\x01\r\n";
    expect(find(chat)).toBe(chat.indexOf("chat 3"));
    const tsend = "PRIVMSG bob :\x01DCC TSEND f 3232235778 5000 1\x01\r\n";
    expect(find(tsend)).toBe(tsend.indexOf("f 3"));
  });
  it("stops at text other than the DCC after the first ' :' (CVE-2022-2663)", () => {
    expect(find("PRIVMSG bob :hi \x01DCC SEND f.txt 3232235778 5000 1234\x01\r\n")).toBe(-1);
    expect(find("PRIVMSG bob :\x01PING :\x01DCC SEND f 3232235778 5000 1\x01\r\n")).toBe(-1);
    expect(find("PRIVMSG bob :\x01dcc SEND f.txt 3232235778 5000 1234\x01\r\n")).toBe(-1);
  });
  it("goes on to a later ' :' after a DCC type it does not know", () => {
    const text = "PRIVMSG bob :\x01DCC RESUME x :\x01DCC SEND f 3232235778 5000 1\x01\r\n";
    expect(find(text)).toBe(text.indexOf("f 3"));
    const stop = "PRIVMSG bob :\x01DCC RESUME x :hello \x01DCC SEND f 3232235778 5000 1\x01\r\n";
    expect(find(stop)).toBe(-1);
  });
  it("looks for ' :' only while more than 26 bytes remain", () => {
    const text = "PRIVMSG b :\x01DCC SEND f 1 2\x01\n"; // " :" at 9 leaves 18 bytes
    expect(find(text)).toBe(-1);
    const exact = `PRIVMSG b :\x01DCC SEND f 1 ${"9".repeat(10)}\n`; // 27 bytes from " :"
    expect(exact.length - 9).toBe(27);
    expect(find(exact)).toBe(exact.indexOf("f 1"));
    expect(find(exact.slice(0, -1))).toBe(-1);
  });
  it("only looks inside the limit", () => expect(find(I1, 30)).toBe(-1));
});

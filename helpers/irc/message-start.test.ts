import { describe, expect, it } from "vitest";
import { privmsgTargetStart } from "./message-start.ts";

const bytes = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const start = (s: string, limit = s.length) => privmsgTargetStart(bytes(s), limit);

describe("privmsgTargetStart", () => {
  it("finds the target after PRIVMSG in any case", () => {
    expect(start("PRIVMSG bob :hello there\r\n")).toBe(8);
    expect(start("privmsg bob :hello there\r\n")).toBe(8);
    expect(start("PrivMsg bob :hello there\r\n")).toBe(8);
  });
  it("skips leading spaces, CR and LF", () => {
    expect(start(" \r\n PRIVMSG bob :hello there\r\n")).toBe(12);
  });
  it("does not skip tabs or accept other commands", () => {
    expect(start("\tPRIVMSG bob :hello there\r\n")).toBe(-1);
    expect(start("NOTICE bob :\x01DCC SEND f 1 2\x01\r\n")).toBe(-1);
    expect(start(":nick!u@h PRIVMSG bob :hello\r\n")).toBe(-1);
    expect(start("PRIVMSGbob :hello there\r\n")).toBe(-1);
    // strncasecmp folds A-Z only: a NUL is no space, "0" no "P" (0x30 | 0x20 would be both)
    expect(start("PRIVMSG\0bob :hello there\r\n")).toBe(-1);
    expect(start("PRIVMSG\x00\x00\x00 :\x01DCC SEND f 1 2\x01\r\n")).toBe(-1);
  });
  it("needs the keyword within the first line only at the segment start", () => {
    expect(start("NICK a\r\nPRIVMSG bob :hello there\r\n")).toBe(-1);
  });
  it("gives up when 10 bytes or fewer remain after the blanks", () => {
    expect(start("PRIVMSG ab")).toBe(-1);
    expect(start("PRIVMSG abc")).toBe(8);
    expect(start("PRIVMSG abc", 10)).toBe(-1);
    expect(start("")).toBe(-1);
  });
  it("only looks inside the limit", () => {
    expect(start("PRIVMSG bob :hi there", 11)).toBe(8);
    expect(start("     PRIVMSG bob", 12)).toBe(-1);
  });
});

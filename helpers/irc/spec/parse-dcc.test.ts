import { describe, expect, it } from "vitest";
import { hasNewlineFrom, parseDcc, skipFilename } from "./parse-dcc.ts";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("skipFilename (§3.3 step 4)", () => {
  it("returns the index after the first space", () => {
    expect(skipFilename(bytes("f.txt 3232235778 5000\x01\n"), 0)).toBe(6);
  });
  it("an empty token (a space first) passes", () => {
    expect(skipFilename(bytes(" 1 1\n"), 0)).toBe(1);
  });
  it("each non-space byte must leave 12 bytes after it", () => {
    // 'f' at 0 leaves 12 bytes ⇒ fine; the space at 1 is not measured.
    expect(skipFilename(bytes("f 0123456789\n"), 0)).toBe(2);
    // 'g' at 1 leaves 11 bytes ⇒ fail.
    expect(skipFilename(bytes("fg 123456789\n"), 0)).toBeNull();
  });
  it("no space at all ⇒ fail, never reading past the end", () => {
    expect(skipFilename(bytes("abcdefghijklmnopqrstuvwxyz"), 0)).toBeNull();
  });
});

describe("hasNewlineFrom", () => {
  it("needs '\\n' at or after the start", () => {
    expect(hasNewlineFrom(bytes("\n1 2\x01"), 1)).toBe(false);
    expect(hasNewlineFrom(bytes("1 2\x01\r\n"), 0)).toBe(true);
    expect(hasNewlineFrom(bytes("1 2\x01\r"), 0)).toBe(false);
  });
});

describe("parseDcc", () => {
  it("reads address, port and the rewrite region (size untouched)", () => {
    const text = "f.txt 3232235778 5000 1234\x01\r\n";
    expect(parseDcc(bytes(text), 0)).toEqual({
      ip: 3232235778,
      port: 5000,
      regionStart: 6,
      regionEnd: 21,
    });
  });
  it("skips several spaces between the numbers", () => {
    expect(parseDcc(bytes("chat 3232235778    5001\x01\n"), 0)).toMatchObject({
      port: 5001,
      regionEnd: 23,
    });
  });
  it("a tab between the numbers ⇒ port 0", () => {
    expect(parseDcc(bytes("chat 3232235778\t5001\x01\n"), 0)).toMatchObject({ port: 0 });
  });
  it("no digits ⇒ address 0, empty address run", () => {
    expect(parseDcc(bytes("chat x 5001\x01\r\n123"), 0)).toEqual({
      ip: 0,
      port: 0,
      regionStart: 5,
      regionEnd: 5,
    });
  });
  it("wraps the address mod 2^32 and the port mod 2^16", () => {
    expect(parseDcc(bytes("f 7527202690 70000\x01\n"), 0)).toMatchObject({
      ip: 3232235394,
      port: 4464,
    });
  });
  it("no '\\n' after the filename ⇒ null ('\\x01' does not count)", () => {
    expect(parseDcc(bytes("f.txt 3232235778 5000 1234\x01\r"), 0)).toBeNull();
  });
  it("a '\\n' inside the digits' line still counts", () => {
    expect(parseDcc(bytes("f 3232235778\n5000 1234\x01"), 0)).toMatchObject({ port: 0 });
  });
});

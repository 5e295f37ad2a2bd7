import { describe, expect, it } from "vitest";
import { afterFirstArgument, hasNewline, newDccArguments, parseDcc } from "./parse-dcc.ts";

const bytes = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

function parse(s: string, limit = s.length) {
  const out = newDccArguments();
  return parseDcc(bytes(s), 0, limit, out) ? out : null;
}

describe("afterFirstArgument", () => {
  it("skips the file name up to and including its first space", () => {
    expect(afterFirstArgument(bytes("f.txt 3232235778 5000\n"), 0, 22)).toBe(6);
    expect(afterFirstArgument(bytes('"my file.txt" 1 2 3 4 5 6\n'), 0, 26)).toBe(4);
    expect(afterFirstArgument(bytes(" 1 2 3 4 5 6 7\n"), 0, 15)).toBe(1);
  });
  it("fails when the space comes too late to leave 11 bytes", () => {
    // The space at index limit-12 leaves exactly 11 bytes after it.
    const ok = `ab ${"x".repeat(11)}`;
    expect(afterFirstArgument(bytes(ok), 0, ok.length)).toBe(3);
    const late = `abc ${"x".repeat(10)}`;
    expect(afterFirstArgument(bytes(late), 0, late.length)).toBe(-1);
  });
});

describe("hasNewline", () => {
  it("wants a '\\n' inside the range, not a '\\x01' or a '\\r'", () => {
    expect(hasNewline(bytes("1 2\x01\r\n"), 0, 6)).toBe(true);
    expect(hasNewline(bytes("1 2\x01\r"), 0, 5)).toBe(false);
    expect(hasNewline(bytes("1 2\x01\r\n"), 0, 5)).toBe(false);
    expect(hasNewline(bytes("\n1 2"), 1, 4)).toBe(false);
  });
});

describe("parseDcc", () => {
  it("reads the address, the port and the span to rewrite", () => {
    const text = "f.txt 3232235778 5000 1234\x01\r\n";
    expect(parse(text)).toEqual({ ip: 3232235778, port: 5000, start: 6, end: 21 });
  });
  it("takes any number of spaces, or none, between address and port", () => {
    expect(parse("f 3232235778    5000 1\x01\n")).toMatchObject({ port: 5000, end: 20 });
    expect(parse("f 3232235778,5000 1234\x01\n")).toMatchObject({ ip: 3232235778, port: 0 });
  });
  it("wraps the address mod 2^32 and the port mod 2^16", () => {
    expect(parse("f 7527203074 70000 1\x01\n")).toMatchObject({ ip: 3232235778, port: 4464 });
    expect(parse("f 4294967296 65536 1\x01\n")).toMatchObject({ ip: 0, port: 0 });
  });
  it("reads missing digits as 0", () => {
    expect(parse("f chat chat 5000\x01\n")).toEqual({ ip: 0, port: 0, start: 2, end: 2 });
    expect(parse("chat 3232235778 \x01\r\n")).toMatchObject({ ip: 3232235778, port: 0 });
  });
  it("needs a '\\n' after the first argument", () => {
    expect(parse("f.txt 3232235778 5000 1234\x01")).toBeNull();
    expect(parse("f.txt 3232235778 5000 1234\x01\r")).toBeNull();
    expect(parse("f.txt 3232235778 5000 1234\x01\r\n", 28)).toBeNull();
  });
  it("fails on a first argument without a space early enough", () => {
    expect(parse("averyveryverylongname\n")).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { formatIPv6, parseIPv6 } from "./address.ts";
import { ANY_DELIMITER, kernelIn4Pton, kernelIn6Pton } from "./kernel-inet-pton.ts";

const bytes = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const PIPE = 0x7c;

function v6(text: string, delim = PIPE): { end: number; addr: string | null } {
  const data = bytes(text);
  const out = new Uint8Array(16);
  const end = kernelIn6Pton(data, 0, data.length, delim, out);
  return { end, addr: end < 0 ? null : formatIPv6(out) };
}

function v4(text: string, delim = PIPE): { end: number; addr: string | null } {
  const data = bytes(text);
  const out = new Uint8Array(6);
  const end = kernelIn4Pton(data, 0, data.length, delim, out, 1);
  return { end, addr: end < 0 ? null : Array.from(out.subarray(1, 5)).join(".") };
}

describe("kernelIn4Pton", () => {
  it("parses up to the delimiter", () => {
    expect(v4("10.0.0.2|5")).toEqual({ end: 8, addr: "10.0.0.2" });
  });
  it("takes any number of leading zeros", () => {
    expect(v4("0000010.0.0.000002|").addr).toBe("10.0.0.2");
  });
  it("ends at NUL, ':' or the end of the length", () => {
    expect(v4("1.2.3.4\u0000x").end).toBe(7);
    expect(v4("1.2.3.4:x").end).toBe(7);
    expect(v4("1.2.3.4")).toEqual({ end: 7, addr: "1.2.3.4" });
  });
  it.each(["1.2.3|", "1.2.3.4.5|", "1..2.3|", "256.1.1.1|", "1.2.3.a|", "1.2.3.4 |", ".1.2.3|"])(
    "rejects %j",
    (text) => {
      expect(v4(text).end).toBe(-1);
    },
  );
  it("with no delimiter, ends at any other byte", () => {
    expect(v4("1.2.3.4 rest", ANY_DELIMITER).end).toBe(7);
  });
});

describe("kernelIn6Pton", () => {
  it.each([
    ["2001:db8::1|", "2001:db8::1", 11],
    ["::|", "::", 2],
    ["::1|", "::1", 3],
    ["1::|", "1::", 3],
    ["1:2:3:4:5:6:7:8|", "1:2:3:4:5:6:7:8", 15],
    ["1:2:3:4:5:6:7::|", "1:2:3:4:5:6:7:0", 15],
    ["::1:2:3:4:5:6:7|", "0:1:2:3:4:5:6:7", 15],
    ["::ffff:1.2.3.4|", "::ffff:102:304", 14],
    ["1:2:3:4:5:6:1.2.3.4|", "1:2:3:4:5:6:102:304", 19],
    ["FE80::ABCD|", "fe80::abcd", 10],
    // leading zeros beyond four digits are accepted
    ["::00000001|", "::1", 10],
  ])("parses %j", (text, addr, end) => {
    expect(v6(text)).toEqual({ end, addr });
  });
  it.each([
    "|",
    ":|",
    ":::|",
    "1:::2|",
    "1::2::3|",
    "1:2:3:4:5:6:7|",
    "1:2:3:4:5:6:7:8:9|",
    "1:2:3:4:5:6:7:8::|",
    "12345::|",
    "g::|",
    "1:2:3:4:5:6:7:1.2.3.4|",
    "1:2:3:4:5:6::1.2.3.4|",
    "::1.2.3|",
    "::1 |",
  ])("rejects %j", (text) => {
    expect(v6(text).end).toBe(-1);
  });
  it("ends at a NUL byte or the end of the length as if at the delimiter", () => {
    expect(v6("::1\u0000|")).toEqual({ end: 3, addr: "::1" });
    expect(v6("::1")).toEqual({ end: 3, addr: "::1" });
  });
  it("lets an IPv4 tail end at ':'", () => {
    expect(v6("::1.2.3.4:5000|")).toEqual({ end: 9, addr: "::102:304" });
  });
  it("agrees with the RFC parser on canonical text", () => {
    for (let n = 0; n < 300; n++) {
      const raw = new Uint8Array(16);
      for (let i = 0; i < 16; i++) raw[i] = Math.random() < 0.5 ? 0 : (Math.random() * 256) | 0;
      const text = formatIPv6(raw);
      expect(v6(`${text}|`).addr).toBe(formatIPv6(parseIPv6(text)!));
    }
  });
});

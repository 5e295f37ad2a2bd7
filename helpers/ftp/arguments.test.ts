import { describe, expect, it } from "vitest";
import { formatIPv6, parseIPv6 } from "../core/address.ts";
import { parseEprt, parseEpsvReply, parsePasvReply, parseSixTuple } from "./arguments.ts";
import { FtpCommand, type ParseOptions } from "./command.ts";

const bytes = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const V4: ParseOptions = { family: 4, strict: false };
const V6: ParseOptions = { family: 6, strict: false };
const SENDER6 = parseIPv6("2001:db8::2")!;

type Parser = typeof parseSixTuple;
function parse(
  parser: Parser,
  text: string,
  options = V4,
  sender: Uint8Array = Uint8Array.of(9, 9, 9, 9),
) {
  const cmd = new FtpCommand();
  cmd.reset(sender);
  cmd.matchOffset = 0;
  const data = bytes(text);
  const length = parser(data, 0, data.length, cmd, options);
  return { length, cmd, v4: Array.from(cmd.addr.subarray(0, 4)).join("."), port: cmd.port };
}

describe("PORT six-tuple", () => {
  it("needs '\\r'", () => {
    expect(parse(parseSixTuple, "10,0,0,2,4,1\r\n")).toMatchObject({
      length: 12,
      v4: "10.0.0.2",
      port: 1025,
    });
    expect(parse(parseSixTuple, "10,0,0,2,4,1\n").length).toBe(0);
  });
  it("overwrites only the first 4 bytes of an IPv6 sender", () => {
    const { cmd } = parse(parseSixTuple, "10,0,0,2,4,1\r", V6, SENDER6);
    expect(formatIPv6(cmd.addr)).toBe("a00:2::2");
  });
});

describe("227 reply", () => {
  it("scans to the first digit and moves the match offset there", () => {
    const r = parse(parsePasvReply, "Entering Passive Mode (203,0,113,5,19,137).\r\n");
    expect(r).toMatchObject({ length: 18, v4: "203.0.113.5", port: 5001 });
    expect(r.cmd.matchOffset).toBe(23);
  });
  it("fails without a digit or with a stray digit first", () => {
    expect(parse(parsePasvReply, "OK\r\n").length).toBe(0);
    expect(parse(parsePasvReply, "Mode 2 (203,0,113,5,19,137)\r\n").length).toBe(0);
  });
  it("needs a terminator inside the segment", () => {
    expect(parse(parsePasvReply, "(1,2,3,4,5,6").length).toBe(0);
  });
  it("counts '0' and '9' as digits where the tuple starts", () => {
    const zero = parse(parsePasvReply, "(0,0,0,2,4,1)\r\n");
    expect(zero).toMatchObject({ length: 11, v4: "0.0.0.2", port: 1025 });
    expect(zero.cmd.matchOffset).toBe(1);
    expect(parse(parsePasvReply, "(9,9,9,9,4,1)\r\n")).toMatchObject({ length: 11, v4: "9.9.9.9" });
  });
});

describe("EPRT", () => {
  it("reads IPv4 with any delimiter, covering delimiter to delimiter", () => {
    expect(parse(parseEprt, "!1!10.0.0.2!1025!\r\n")).toMatchObject({
      length: 17,
      v4: "10.0.0.2",
      port: 1025,
    });
  });
  it("takes '!' and '~', the ends of the printable range, as delimiters", () => {
    expect(parse(parseEprt, "~1~10.0.0.2~1025~").length).toBe(17);
    expect(parse(parseEpsvReply, "~~~5001~").length).toBe(8);
    expect(parse(parseEpsvReply, "!!!5001!").length).toBe(8);
  });
  it("turns down '0' and '9' as delimiters", () => {
    // Either would read as a port: "000" + "5" + delimiter.
    expect(parse(parseEpsvReply, "00050").length).toBe(0);
    expect(parse(parseEpsvReply, "99959").length).toBe(0);
  });
  it("reads IPv6", () => {
    const r = parse(parseEprt, "|2|2001:db8::7|5000|\r\n", V6, SENDER6);
    expect(r.length).toBe(20);
    expect(formatIPv6(r.cmd.addr)).toBe("2001:db8::7");
    expect(r.port).toBe(5000);
  });
  it("drops a protocol digit of the other family", () => {
    expect(parse(parseEprt, "|2|::1|1025|\r\n").length).toBe(0);
    expect(parse(parseEprt, "|1|10.0.0.2|1025|\r\n", V6, SENDER6).length).toBe(0);
  });
  it.each([
    "1|1|10.0.0.2|5|",
    " |1| ",
    "|1!10.0.0.2|5|",
    "|1|",
    "|1|10.0.0.2|0|",
    "|1|10.0.0|5|",
    "\x7f1\x7f1.2.3.4\x7f5\x7f",
  ])("fails on %j", (text) => {
    expect(parse(parseEprt, text).length).toBe(0);
  });
  it("skips the byte where an IPv6 address stopped, even a NUL", () => {
    const r = parse(parseEprt, "|2|::1\u00001025|", V6, SENDER6);
    expect(r.port).toBe(1025);
    expect(formatIPv6(r.cmd.addr)).toBe("::1");
  });
  it("checks octets in strict mode", () => {
    expect(parse(parseEprt, "|1|10.0.0.256|5|", { family: 4, strict: true }).length).toBe(0);
    expect(parse(parseEprt, "|1|10.0.0.256|5|").v4).toBe("10.0.1.0");
  });
});

describe("229 reply", () => {
  it("reads |||port|", () => {
    expect(parse(parseEpsvReply, "|||5001|)\r\n")).toMatchObject({ length: 8, port: 5001 });
    expect(parse(parseEpsvReply, "###5001#").length).toBe(8);
  });
  it.each(["||5001|", "|||0|", "|!|5001|", "111501|", "|||5001", "|||"])("fails on %j", (text) => {
    expect(parse(parseEpsvReply, text).length).toBe(0);
  });
  it("keeps the sender's address", () => {
    expect(parse(parseEpsvReply, "|||5001|").v4).toBe("9.9.9.9");
  });
});

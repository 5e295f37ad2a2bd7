import { describe, expect, it } from "vitest";
import { asciiBytes } from "../core/dialogue-flow.ts";
import { parseRewrittenDcc } from "./parse-back.ts";

const parse = (s: string) => parseRewrittenDcc(asciiBytes(s));

describe("parseRewrittenDcc", () => {
  it("reads the address and port NAT wrote", () => {
    expect(parse("PRIVMSG bob :\x01DCC SEND f.txt 3325256705 5000 1234\x01\r\n")).toEqual({
      address: "3325256705",
      port: "5000",
    });
    expect(parse("\r\nprivmsg bob :\x01DCC CHAT chat 3325256705 5001\x01\r\n")).toEqual({
      address: "3325256705",
      port: "5001",
    });
  });
  it("passes over a DCC of an unknown type like the kernel", () => {
    const text = "PRIVMSG b :\x01DCC RESUME x :\x01DCC SEND f 3325256705 5000 1\x01\n";
    expect(parse(text)).toEqual({ address: "3325256705", port: "5000" });
  });
  it("refuses anything that is not one decimal, one space, a port", () => {
    expect(parse("PRIVMSG bob :\x01DCC SEND f 3325256705  5000 1\x01\r\n")).toBeNull();
    expect(parse("NOTICE bob :\x01DCC SEND f 3325256705 5000 1\x01\r\n")).toBeNull();
    expect(parse("PRIVMSG bob :\x01DCC SEND f 198.51.100.1 5000 1\x01\r\n")).toBeNull();
  });
});

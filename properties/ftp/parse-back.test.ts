import { describe, expect, it } from "vitest";
import { asciiBytes } from "../core/dialogue-flow.ts";
import { parseDataLine } from "./parse-back.ts";

describe("parseDataLine", () => {
  it("reads PORT", () =>
    expect(parseDataLine(asciiBytes("PORT 198,19,1,100,39,16\r\n"), "orig")).toEqual({
      kind: "PORT",
      address: "198.19.1.100",
      port: 10000,
    }));
  it("reads EPRT with a full IPv6 address as canonical text", () =>
    expect(
      parseDataLine(
        asciiBytes("EPRT |2|2001:0db8:0000:0000:0000:0000:0000:0001|5000|\r\n"),
        "orig",
      ),
    ).toEqual({ kind: "EPRT", address: "2001:db8::1", port: 5000 }));
  it("reads 227 with text around the numbers", () =>
    expect(
      parseDataLine(asciiBytes("227 Entering Passive Mode (203,0,113,5,19,137).\r\n"), "reply"),
    ).toEqual({
      kind: "227",
      address: "203.0.113.5",
      port: 5001,
    }));
  it("reads 229", () =>
    expect(
      parseDataLine(asciiBytes("229 Entering Extended Passive Mode (|||5001|)\r\n"), "reply"),
    ).toEqual({
      kind: "229",
      address: null,
      port: 5001,
    }));
  it("rejects octets over 255, a missing CR and a foreign delimiter", () => {
    expect(parseDataLine(asciiBytes("PORT 10,0,0,256,4,1\r\n"), "orig")).toBeNull();
    expect(parseDataLine(asciiBytes("PORT 10,0,0,2,4,1\n"), "orig")).toBeNull();
    expect(parseDataLine(asciiBytes("EPRT !1!10.0.0.2!1025!\r\n"), "orig")).toBeNull();
  });
  it("ignores a keyword in the wrong direction", () =>
    expect(parseDataLine(asciiBytes("PORT 10,0,0,2,4,1\r\n"), "reply")).toBeNull());
});

import { describe, expect, it } from "vitest";
import { parseIPv6 } from "../core/address.ts";
import { FtpCommandType } from "./command.ts";
import { natReplacement } from "./nat.ts";

const v4 = Uint8Array.of(198, 51, 100, 1);
const v6 = parseIPv6("2001:db8::100")!;

describe("natReplacement", () => {
  it("writes the six-tuple for PORT and 227", () => {
    expect(natReplacement(FtpCommandType.Port, 4, v4, 1025)).toBe("198,51,100,1,4,1");
    expect(natReplacement(FtpCommandType.Pasv, 4, v4, 65535)).toBe("198,51,100,1,255,255");
  });
  it("uses only the first 4 bytes of an IPv6 address in a six-tuple", () => {
    expect(natReplacement(FtpCommandType.Port, 6, v6, 1025)).toBe("32,1,13,184,4,1");
  });
  it("writes EPRT with '|' and the full IPv6 form", () => {
    expect(natReplacement(FtpCommandType.Eprt, 4, v4, 5000)).toBe("|1|198.51.100.1|5000|");
    expect(natReplacement(FtpCommandType.Eprt, 6, v6, 5000)).toBe(
      "|2|2001:0db8:0000:0000:0000:0000:0000:0100|5000|",
    );
  });
  it("writes 229 as |||port|", () => {
    expect(natReplacement(FtpCommandType.Epsv, 6, v6, 7)).toBe("|||7|");
  });
});

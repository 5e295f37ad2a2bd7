import { describe, expect, it } from "vitest";
import { addressBytes } from "../../core/address.ts";
import { replacementText } from "./nat.ts";

const union = (text: string) => {
  const out = new Uint8Array(16);
  out.set(addressBytes(text));
  return out;
};

describe("replacementText (§2.7)", () => {
  it("writes PORT/227 as a 6-tuple", () => {
    expect(replacementText("PORT", 4, union("198.51.100.1"), 1025)).toBe("198,51,100,1,4,1");
    expect(replacementText("227", 4, union("203.0.113.5"), 5001)).toBe("203,0,113,5,19,137");
  });
  it("uses the first 4 bytes of an IPv6 address for PORT", () => {
    expect(replacementText("PORT", 6, union("2001:db8::1"), 1025)).toBe("32,1,13,184,4,1");
  });
  it("writes EPRT with '|' and the full IPv6 form", () => {
    expect(replacementText("EPRT", 4, union("198.51.100.1"), 1025)).toBe("|1|198.51.100.1|1025|");
    expect(replacementText("EPRT", 6, union("2001:db8::1"), 80)).toBe(
      "|2|2001:0db8:0000:0000:0000:0000:0000:0001|80|",
    );
  });
  it("writes 229 as |||port|", () => {
    expect(replacementText("229", 4, union("203.0.113.5"), 5001)).toBe("|||5001|");
  });
});

import { describe, expect, it } from "vitest";
import { parseIPv6 } from "../core/address.ts";
import { ascii } from "./chars.ts";
import { addressText, printAddress, printAddressPort, sameAddress } from "./connection.ts";

describe("addresses as the helper compares and prints them", () => {
  const v6 = parseIPv6("::ffff:198.51.100.1") as Uint8Array;
  it("prints %pI4 / %pI6c, bracketed with the port", () => {
    expect(printAddressPort(Uint8Array.of(198, 51, 100, 1), 4, 5060)).toBe("198.51.100.1:5060");
    expect(printAddress(v6, 6, true)).toBe("[::ffff:198.51.100.1]");
    expect(printAddressPort(parseIPv6("2001:db8::1") as Uint8Array, 6, 5070)).toBe(
      "[2001:db8::1]:5070",
    );
  });
  it("names expectations canonically and compares only the family's bytes", () => {
    expect(addressText(v6, 6)).toBe("::ffff:c633:6401");
    expect(sameAddress(ascii("abcdX"), ascii("abcdY"), 4)).toBe(true);
    expect(sameAddress(ascii("abcdX"), ascii("abcdY"), 6)).toBe(false);
  });
});

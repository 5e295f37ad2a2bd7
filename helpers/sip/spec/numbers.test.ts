import { describe, expect, it } from "vitest";
import { simpleStrtoul, sipStrtouint, toU32 } from "./numbers.ts";
import { textMessage } from "./test-support.ts";

const strtoul = (text: string, base: 0 | 10) => {
  const parsed = simpleStrtoul(textMessage(text), 0, base);
  return [parsed.value, parsed.end];
};
const strtouint = (text: string, length = text.length) => {
  const parsed = sipStrtouint(textMessage(text), 0, length);
  return [parsed.value, parsed.end];
};

describe("simpleStrtoul (§1.6, §6.3 base 0 before 2026-04)", () => {
  it("base 0 reads hex after 0x, octal after 0, else decimal", () => {
    expect(strtoul("0x10;", 0)).toEqual([16n, 4]);
    expect(strtoul("010\r", 0)).toEqual([8n, 3]);
    expect(strtoul("08", 0)).toEqual([0n, 1]);
    expect(strtoul("0xg", 0)).toEqual([0n, 1]);
    expect(strtoul("3600", 0)).toEqual([3600n, 4]);
    expect(strtoul("x", 0)).toEqual([0n, 0]);
  });
  it("base 10 takes no prefix and wraps mod 2^64; callers keep 32 bits", () => {
    expect(strtoul("0x10", 10)).toEqual([0n, 1]);
    expect(strtoul("18446744073709551621", 10)).toEqual([5n, 20]);
    expect(toU32(simpleStrtoul(textMessage("4294967328"), 0, 10).value)).toBe(32);
  });
  it("reads on past the message to the payload's end", () => {
    const message = { ...textMessage("12345"), length: 2 };
    expect(simpleStrtoul(message, 0, 10).value).toBe(12345n);
  });
});

describe("sipStrtouint (2026-04)", () => {
  it("reads decimal digits within the length", () => {
    expect(strtouint("5060;x")).toEqual([5060n, 4]);
    expect(strtouint("12345", 3)).toEqual([123n, 3]);
    expect(strtouint("4294967295")).toEqual([4294967295n, 10]);
    expect(strtouint("00000000001")).toEqual([1n, 11]);
  });
  it("fails above UINT_MAX or past 11 digits: 0 and the end at the start", () => {
    expect(strtouint("4294967296")).toEqual([0n, 0]);
    expect(strtouint("000000000001")).toEqual([0n, 0]);
    expect(strtouint("0x10")).toEqual([0n, 1]);
  });
});

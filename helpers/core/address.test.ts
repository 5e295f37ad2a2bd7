import { describe, expect, it } from "vitest";
import {
  addressBytes,
  addressFamily,
  canonicalAddress,
  formatIPv4,
  formatIPv6,
  formatIPv6Full,
  formatIPv6Kernel,
  parseIPv4,
  parseIPv6,
} from "./address.ts";
import { FlowError } from "./model.ts";

const bytes = (...values: number[]) => Uint8Array.from(values);

describe("parseIPv4", () => {
  it("parses a dotted quad", () => {
    expect(parseIPv4("10.0.0.2")).toEqual(bytes(10, 0, 0, 2));
    expect(parseIPv4("255.255.255.255")).toEqual(bytes(255, 255, 255, 255));
    expect(parseIPv4("0.0.0.0")).toEqual(bytes(0, 0, 0, 0));
  });
  it("reads leading zeros as decimal", () => {
    expect(parseIPv4("010.0.0.09")).toEqual(bytes(10, 0, 0, 9));
  });
  it.each([
    "",
    "1.2.3",
    "1.2.3.4.5",
    "1..3.4",
    ".1.2.3",
    "1.2.3.4.",
    "256.0.0.1",
    "1.2.3.-4",
    "1.2.3.4 ",
    "0x1.2.3.4",
    "1.2.3.0004",
    "::1",
  ])("rejects %j", (text) => {
    expect(parseIPv4(text)).toBeNull();
  });
});

describe("parseIPv6", () => {
  it("parses full and compressed forms", () => {
    const full = parseIPv6("2001:0db8:0000:0000:0000:0000:0000:0001");
    expect(full).toEqual(bytes(0x20, 1, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1));
    expect(parseIPv6("2001:db8::1")).toEqual(full);
    expect(parseIPv6("::")).toEqual(new Uint8Array(16));
    expect(parseIPv6("::1")).toEqual(bytes(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1));
    expect(parseIPv6("fe80::")).toEqual(
      bytes(0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
    );
    expect(parseIPv6("1:2:3:4:5:6:7::")?.[13]).toBe(7);
  });
  it("accepts upper case hex", () => {
    expect(parseIPv6("2001:DB8::A")).toEqual(parseIPv6("2001:db8::a"));
  });
  it("parses an embedded IPv4 tail", () => {
    expect(parseIPv6("::ffff:10.0.0.2")).toEqual(
      bytes(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 10, 0, 0, 2),
    );
    expect(parseIPv6("1:2:3:4:5:6:1.2.3.4")?.slice(12)).toEqual(bytes(1, 2, 3, 4));
  });
  it.each([
    "",
    ":",
    ":::",
    "1:::2",
    "1::2::3",
    "1:2:3:4:5:6:7",
    "1:2:3:4:5:6:7:8:9",
    "1:2:3:4:5:6:7:8::",
    ":1:2:3:4:5:6:7",
    "1:2:3:4:5:6:7:",
    "12345::",
    "g::",
    "1.2.3.4",
    "1.2.3.4::",
    "::1.2.3",
    "::1.2.3.4:5",
    "1:2:3:4:5:6:7:1.2.3.4",
  ])("rejects %j", (text) => {
    expect(parseIPv6(text)).toBeNull();
  });
});

describe("formatting", () => {
  it("formats IPv4 at an offset", () => {
    expect(formatIPv4(bytes(9, 1, 2, 3, 4), 1)).toBe("1.2.3.4");
  });
  it.each([
    ["2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1"],
    ["0:0:0:0:0:0:0:0", "::"],
    ["0:0:0:0:0:0:0:1", "::1"],
    ["1:0:0:0:0:0:0:0", "1::"],
    // a single zero group is not compressed
    ["1:0:2:3:4:5:6:7", "1:0:2:3:4:5:6:7"],
    // longest run wins; first on a tie
    ["1:0:0:2:0:0:0:3", "1:0:0:2::3"],
    ["1:0:0:2:3:0:0:4", "1::2:3:0:0:4"],
    ["::ffff:10.0.0.2", "::ffff:a00:2"],
    ["ABCD::EF", "abcd::ef"],
  ])("formats %s as %s", (input, expected) => {
    expect(formatIPv6(parseIPv6(input)!)).toBe(expected);
  });
  it("formats the kernel's %pI6 full form", () => {
    expect(formatIPv6Full(parseIPv6("2001:db8::1")!)).toBe(
      "2001:0db8:0000:0000:0000:0000:0000:0001",
    );
    const padded = new Uint8Array(18);
    padded.set(parseIPv6("fe80::abcd")!, 2);
    expect(formatIPv6Full(padded, 2)).toBe("fe80:0000:0000:0000:0000:0000:0000:abcd");
  });
});

describe("family, bytes and canonical text", () => {
  it("names the family", () => {
    expect(addressFamily("10.0.0.1")).toBe(4);
    expect(addressFamily("::1")).toBe(6);
    expect(addressFamily("host.example")).toBeNull();
  });
  it("returns 4 or 16 bytes", () => {
    expect(addressBytes("1.2.3.4")).toHaveLength(4);
    expect(addressBytes("::1")).toHaveLength(16);
  });
  it("canonicalizes", () => {
    expect(canonicalAddress("010.000.000.001")).toBe("10.0.0.1");
    expect(canonicalAddress("2001:DB8:0:0:0:0:0:1")).toBe("2001:db8::1");
  });
  it("throws FlowError naming the bad text", () => {
    expect(() => canonicalAddress("10.0.0")).toThrow(FlowError);
    expect(() => canonicalAddress("10.0.0")).toThrow(/"10\.0\.0"/);
    expect(() => addressBytes("nope")).toThrow(FlowError);
  });
  it("round-trips random addresses through canonical text", () => {
    for (let n = 0; n < 500; n++) {
      const raw = new Uint8Array(16);
      for (let i = 0; i < 16; i++) raw[i] = Math.random() < 0.5 ? 0 : (Math.random() * 256) | 0;
      expect(parseIPv6(formatIPv6(raw))).toEqual(raw);
      expect(parseIPv6(formatIPv6Full(raw))).toEqual(raw);
    }
  });
});

describe("formatIPv6Kernel", () => {
  const kernel = (text: string) => formatIPv6Kernel(parseIPv6(text) as Uint8Array);
  it("compresses like RFC 5952 for ordinary addresses", () => {
    expect(kernel("2001:db8:0:0:0:0:0:1")).toBe("2001:db8::1");
    expect(kernel("2001:db8:0:1:0:0:0:1")).toBe("2001:db8:0:1::1");
  });
  it("prints an IPv4-mapped or ISATAP tail as a dotted quad", () => {
    expect(kernel("::ffff:198.51.100.1")).toBe("::ffff:198.51.100.1");
    expect(kernel("2001:db8::5efe:c633:6401")).toBe("2001:db8::5efe:198.51.100.1");
    expect(kernel("2001:db8:0:0:200:5efe:c633:6401")).toBe("2001:db8::200:5efe:198.51.100.1");
  });
});

describe("canonicalAddress and addressFamily, remembered", () => {
  it("give the same answers the second time, past the number of forms kept, and never remember a refusal", () => {
    const texts = Array.from(
      { length: 5000 },
      (_, i) => `2001:DB8:0:0:0:0:${(i >> 8).toString(16)}:${(i & 255).toString(16)}`,
    );
    const first = texts.map((t) => canonicalAddress(t));
    expect(first[0]).toBe("2001:db8::");
    expect(first[4999]).toBe("2001:db8::13:87");
    expect(texts.map((t) => canonicalAddress(t))).toEqual(first);
    expect(texts.map((t) => addressFamily(t)).every((f) => f === 6)).toBe(true);
    expect(canonicalAddress("198.18.0.2")).toBe("198.18.0.2");
    expect(addressFamily("198.18.0.2")).toBe(4);
    expect(canonicalAddress("::ffff:198.18.0.2")).toBe("::ffff:c612:2");
    expect(addressFamily("::ffff:198.18.0.2")).toBe(6);
    for (let i = 0; i < 2; i++) expect(() => canonicalAddress("198.18.0")).toThrow(FlowError);
    expect(addressFamily("198.18.0")).toBeNull();
  });
});

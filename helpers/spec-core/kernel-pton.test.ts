import { describe, expect, it } from "vitest";
import { formatIPv4, formatIPv6 } from "../core/address.ts";
import { in4Pton, in6Pton } from "./kernel-pton.ts";

const bytes = (text: string) => new TextEncoder().encode(text);
const v4 = (text: string, delim = -1) => {
  const result = in4Pton(bytes(text), 0, text.length, delim);
  return result === null ? null : [formatIPv4(result.bytes), result.end];
};
const v6 = (text: string, delim = -1) => {
  const result = in6Pton(bytes(text), 0, text.length, delim);
  return result === null ? null : [formatIPv6(result.bytes), result.end];
};

describe("in4Pton (§1.6)", () => {
  it("reads a dotted quad up to the first byte that cannot belong to it", () => {
    expect(v4("10.0.0.2")).toEqual(["10.0.0.2", 8]);
    expect(v4("10.0.0.2:5060")).toEqual(["10.0.0.2", 8]);
    expect(v4("10.0.0.2>;tag")).toEqual(["10.0.0.2", 8]);
    expect(v4("010.000.0.0002 x")).toEqual(["10.0.0.2", 14]);
  });
  it("fails on a hex letter after a part, an empty or large part, five parts", () => {
    expect(v4("10.0.0.2a")).toBeNull();
    expect(v4("10..0.2")).toBeNull();
    expect(v4("10.0.0.256")).toBeNull();
    expect(v4("10.0.0.2.1")).toBeNull();
    expect(v4("10.0.0")).toBeNull();
    expect(v4("x10.0.0.2")).toBeNull();
  });
  it("stops at the length given", () => {
    expect(in4Pton(bytes("10.0.0.23"), 0, 8, -1)?.end).toBe(8);
  });
});

describe("in6Pton (§1.6)", () => {
  it("reads compressed and full forms and stops at ']' or any other non-address byte", () => {
    expect(v6("2001:db8::1]:5060")).toEqual(["2001:db8::1", 11]);
    expect(v6("2001:0db8:0:0:0:0:0:1;x")).toEqual(["2001:db8::1", 21]);
    expect(v6("::")).toEqual(["::", 2]);
    expect(v6("::ffff:10.0.0.2]")).toEqual(["::ffff:a00:2", 15]);
  });
  it("'::' after seven groups stands for the eighth; before one more group it is refused", () => {
    expect(v6("1:2:3:4:5:6:7::")).toEqual(["1:2:3:4:5:6:7:0", 15]);
    expect(v6("::1:2:3:4:5:6:7")).toEqual(["0:1:2:3:4:5:6:7", 15]);
  });
  it("refuses a group of five digits, two '::', a lone ':' and '::' for no group", () => {
    expect(v6("2001:db8::12345")).toBeNull();
    expect(v6("2001::db8::1")).toBeNull();
    expect(v6(":1::2")).toBeNull();
    expect(v6("2001:db8:0:0:0:0:0::1")).toBeNull();
    expect(v6("2001:db8")).toBeNull();
  });
});

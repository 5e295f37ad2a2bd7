import { describe, expect, it } from "vitest";
import { formatIPv6 } from "../../core/address.ts";
import { readKernelIPv6 } from "./ipv6-text.ts";

const PIPE = 0x7c;
const read = (text: string, delimiter = PIPE) => {
  const result = readKernelIPv6(new TextEncoder().encode(text), 0, delimiter);
  return result === null ? null : { address: formatIPv6(result.bytes), end: result.end };
};

describe("readKernelIPv6 (in6_pton as EPRT uses it)", () => {
  it("reads common forms up to the delimiter", () => {
    expect(read("2001:db8::1|5|")).toEqual({ address: "2001:db8::1", end: 11 });
    expect(read("::1|")).toEqual({ address: "::1", end: 3 });
    expect(read("::|")).toEqual({ address: "::", end: 2 });
    expect(read("1::|")).toEqual({ address: "1::", end: 3 });
    expect(read("1:2:3:4:5:6:7:8|")?.address).toBe("1:2:3:4:5:6:7:8");
    expect(read("::ffff:192.0.2.1|")?.address).toBe("::ffff:c000:201");
  });
  it("rejects malformed text (R2, R5, R6)", () => {
    expect(read(":1::|")).toBeNull();
    expect(read("1:|")).toBeNull();
    expect(read(":::|")).toBeNull();
    expect(read("1::2::3|")).toBeNull();
    expect(read("1:2:3:4:5:6:7|")).toBeNull();
    expect(read("1:2:3:4:5:6:7:8:9|")).toBeNull();
    expect(read("1:2:3:4:5:6:7:8::|")).toBeNull();
    expect(read("2001:db8::g|")).toBeNull();
    expect(read("|")).toBeNull();
    expect(read("10000::|")).toBeNull();
  });
  it("allows unlimited leading zeros in a group (R3)", () => {
    expect(read("000000001::|")?.address).toBe("1::");
  });
  it("never lets :: stand for zero groups (R5, measured on the kernel)", () => {
    expect(read("1:2:3:4:5:6:7::8|")).toBeNull();
    expect(read("1:2:3:4:5:6::1.2.3.4|")).toBeNull();
    expect(read("2001:db8::0:0:0:0:0:0|")).toBeNull();
    expect(read("1:2:3:4:5:6:7::|")?.address).toBe("1:2:3:4:5:6:7:0");
    expect(read("1:2:3:4:5::1.2.3.4|")?.address).toBe("1:2:3:4:5:0:102:304");
  });
  it("ends a dotted tail at ':' too (R4)", () => {
    expect(read("::1.2.3.4:99|")).toEqual({ address: "::102:304", end: 9 });
    expect(read("::1.2.3.256|")).toBeNull();
    expect(read("::1.2.3|")).toBeNull();
    expect(read("::1.2.3.4.5|")).toBeNull();
    expect(read("1:2:3:4:5:6:7::1.2.3.4|")).toBeNull();
  });
  it("stops at NUL and at the end of the input (R1)", () => {
    expect(read("::1\u0000")?.end).toBe(3);
    expect(read("::1")).toEqual({ address: "::1", end: 3 });
  });
  it("lets the delimiter win over ':' and hex digits (R1)", () => {
    expect(read("1a2", 0x61)).toBeNull();
    expect(read("::1", 0x3a)).toBeNull();
  });
});

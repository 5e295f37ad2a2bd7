import { describe, expect, it } from "vitest";
import { addressBytes } from "../../core/address.ts";
import { addressText, kernelCompressedIPv6 } from "./address-text.ts";

const pI6c = (text: string) => kernelCompressedIPv6(addressBytes(text));

describe("kernelCompressedIPv6 (%pI6c)", () => {
  it("compresses the first longest zero run, never a single zero", () => {
    expect(pI6c("2001:db8:0:0:1:0:0:1")).toBe("2001:db8::1:0:0:1");
    expect(pI6c("2001:db8:0:1:1:1:1:1")).toBe("2001:db8:0:1:1:1:1:1");
    expect(pI6c("::")).toBe("::");
    expect(pI6c("::1")).toBe("::1");
    expect(pI6c("fe80::")).toBe("fe80::");
  });
  it("ends IPv4-mapped and ISATAP addresses in a dotted quad (RFC 5952 text does not)", () => {
    expect(pI6c("::ffff:10.0.0.2")).toBe("::ffff:10.0.0.2");
    expect(addressText(addressBytes("::ffff:10.0.0.2"))).toBe("::ffff:a00:2");
    expect(pI6c("fe80::5efe:10.0.0.2")).toBe("fe80::5efe:10.0.0.2");
    expect(pI6c("fe80::200:5efe:10.0.0.2")).toBe("fe80::200:5efe:10.0.0.2");
  });
});

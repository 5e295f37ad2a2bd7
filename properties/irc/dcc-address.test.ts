import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { FlowSkeleton } from "../core/flow-skeleton.ts";
import { dccAddressText, forgedDccAddress, ipv4Number, ownNumbers } from "./dcc-address.ts";

const flow: FlowSkeleton = {
  helper: "irc",
  l4: "tcp",
  family: 4,
  client: { addr: "198.18.1.2", port: 40000 },
  server: { addr: "192.0.2.10", port: 6667 },
  nat: { client: { addr: "198.18.1.3" } },
};

/** What the kernel's simple_strtoul + u32 store makes of the text. */
const asKernelReads = (text: string) => {
  const digits = /^\d*/.exec(text)![0];
  return digits === "" ? 0 : Number(BigInt(digits) % 2n ** 32n);
};

describe("dccAddressText", () => {
  it("spells the client, its NAT address and the same u32 wrapped or zero-padded", () => {
    expect(ipv4Number("198.18.1.2")).toBe(3323068674);
    expect(dccAddressText({ kind: "client" }, flow)).toBe("3323068674");
    expect(dccAddressText({ kind: "nat" }, flow)).toBe("3323068675");
    expect(dccAddressText({ kind: "wrapped", times: 1 }, flow)).toBe("7618035970");
    expect(dccAddressText({ kind: "zero-padded", zeros: 2 }, flow)).toBe("003323068674");
  });
  it("moves a forged neighbour past the client and its NAT address", () => {
    expect(dccAddressText({ kind: "neighbour", delta: 1 }, flow)).toBe("3323068676");
  });
  it("never lets a forged address read as the client's", () => {
    fc.assert(
      fc.property(forgedDccAddress(), (ref) => {
        expect(ownNumbers(flow)).not.toContain(asKernelReads(dccAddressText(ref, flow)));
      }),
      { numRuns: 300, seed: 5 },
    );
  });
});

// The TFTP flows reach every case the kernel distinguishes: each opcode 0–7 and beyond,
// requests from both sides, payloads under 2 bytes, requests with options, under NAT.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { tftpOpcode } from "../../helpers/tftp/opcode.ts";
import { tftpKit } from "./index.ts";

const flows = fc.sample(tftpKit.flows, { numRuns: 2000, seed: 3 });
const segments = flows.flatMap((flow) => flow.segments);

describe("tftp arbitraries", () => {
  it("carry every opcode 0..7 and some beyond", () => {
    const opcodes = new Set(segments.map((s) => tftpOpcode(s.data)));
    for (let opcode = 0; opcode <= 7; opcode++) expect(opcodes).toContain(opcode);
    expect([...opcodes].some((o) => o > 7)).toBe(true);
  });
  it("send requests from both sides", () => {
    const requestDirs = new Set(
      segments.filter((s) => [1, 2].includes(tftpOpcode(s.data))).map((s) => s.dir),
    );
    expect([...requestDirs].sort()).toEqual(["orig", "reply"]);
  });
  it("send 0- and 1-byte payloads", () => {
    expect(segments.some((s) => s.data.length === 0)).toBe(true);
    expect(segments.some((s) => s.data.length === 1)).toBe(true);
  });
  it("negotiate options and run IPv6 and NAT flows", () => {
    const text = (d: Uint8Array) => String.fromCharCode(...d);
    expect(
      segments.some((s) => tftpOpcode(s.data) === 1 && text(s.data).includes("blksize\0")),
    ).toBe(true);
    expect(flows.some((f) => f.client.addr.includes(":"))).toBe(true);
    expect(flows.some((f) => f.nat !== undefined)).toBe(true);
  });
});
